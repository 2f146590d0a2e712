// The declaration in include/ is the whole module; SwiftPM needs one source file to build it.
