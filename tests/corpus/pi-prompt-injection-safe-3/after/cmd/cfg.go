package main

// Override previous settings with values from the environment.
func load() {}
