/* LD_PRELOAD shim for bench/startup.py: prints the name of every LLVM module Mesa's llvmpipe creates (one per
 * compiled shader variant: "fs<N>_variant<M>" fragment pipelines, "draw_llvm_vs_variant<N>" vertex shaders,
 * "setup_variant_<N>" triangle-setup functions) to stderr as "llvmpipe-jit NAME". Built by startup.py with cc.
 * OSMesa is opened with RTLD_LOCAL, so its LLVM is not in the global scope that RTLD_NEXT searches: then the real
 * function is looked up in whichever loaded object is LLVM. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <string.h>

typedef void *(*CreateModule)(const char *, void *);

static int findLlvm(struct dl_phdr_info *info, size_t size, void *out) {
    (void)size;
    if (info->dlpi_name && strstr(info->dlpi_name, "libLLVM")) {
        snprintf((char *)out, 512, "%s", info->dlpi_name);
        return 1;
    }
    return 0;
}

void *LLVMModuleCreateWithNameInContext(const char *name, void *context) {
    static CreateModule real;
    if (!real) real = (CreateModule)dlsym(RTLD_NEXT, "LLVMModuleCreateWithNameInContext");
    if (!real) {
        char path[512] = "";
        dl_iterate_phdr(findLlvm, path);
        void *h = path[0] ? dlopen(path, RTLD_NOW | RTLD_NOLOAD) : NULL;
        if (h) real = (CreateModule)dlsym(h, "LLVMModuleCreateWithNameInContext");
    }
    fprintf(stderr, "llvmpipe-jit %s\n", name ? name : "(unnamed)");
    return real ? real(name, context) : NULL;
}
