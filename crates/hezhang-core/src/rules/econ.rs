// rules of family econ
