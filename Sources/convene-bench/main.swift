import ArgumentParser

ConveneBench.main()
