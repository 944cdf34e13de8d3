// sitview's entry point: everything happens in runApp (app/app.cpp).
#include "app/app.hpp"

int main(int argc, char** argv) { return sv::runApp(argc, argv); }
