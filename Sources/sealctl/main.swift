import ArgumentParser
import SealKit

SealCtl.main()
