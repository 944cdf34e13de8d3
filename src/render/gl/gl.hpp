// The one include for OpenGL in render/ and platform/: glad's GL 3.3 core loader (generated at build time).
#pragma once
#include <glad/gl.h>
