import MGAuditCLI

runMain(ServeCommand.self, name: "mgaudit")
