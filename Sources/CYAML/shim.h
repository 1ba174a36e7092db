#ifndef SEALKIT_CYAML_SHIM_H
#define SEALKIT_CYAML_SHIM_H
#include <yaml.h>
#endif
