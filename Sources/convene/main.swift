import ArgumentParser

Convene.main()
