/* LD_PRELOAD shim for bench/startup.py: prints the name of every LLVM module Mesa's llvmpipe creates (one per
 * compiled shader variant: "fs<N>_variant<M>" fragment pipelines, "draw_llvm_vs_variant<N>" vertex shaders,
 * "setup_variant_<N>" triangle-setup functions) to stderr as "llvmpipe-jit NAME". Built by startup.py with cc. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>

typedef void *(*CreateModule)(const char *, void *);

void *LLVMModuleCreateWithNameInContext(const char *name, void *context) {
    static CreateModule real;
    if (!real) real = (CreateModule)dlsym(RTLD_NEXT, "LLVMModuleCreateWithNameInContext");
    fprintf(stderr, "llvmpipe-jit %s\n", name ? name : "(unnamed)");
    return real ? real(name, context) : NULL;
}
