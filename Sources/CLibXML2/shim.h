#ifndef MGAUDIT_CLIBXML2_SHIM_H
#define MGAUDIT_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* The system libxml2 is built with ICU; its <unicode/ucnv.h> clashes with Foundation's bundled
   ICU when both are imported into one Swift file. Only the layout of xmlCharEncodingHandler
   depends on this, and mgaudit never touches that struct's fields. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#endif
