// corpus tests
