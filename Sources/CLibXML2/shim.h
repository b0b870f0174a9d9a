#pragma once
// libxml2 built with ICU pulls <unicode/ucnv.h> in through encoding.h. Foundation carries
// its own copy of ICU, and a Swift module that sees both definitions of the ICU types
// refuses to build, so the ICU header is kept out: wirewatch never touches the ICU
// converter fields, and these opaque stand-ins keep the libxml2 structs well-formed.
#include <stdint.h>
#define UCNV_H
typedef struct UConverter UConverter;
typedef uint16_t UChar;
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>
#include <string.h>
