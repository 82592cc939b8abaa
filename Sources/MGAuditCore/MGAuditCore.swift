/// MGAuditCore: files -> sniff -> parse -> normalised model -> rules -> findings -> renderers.
public enum MGAudit {
    public static let version = "0.1.0"
}
