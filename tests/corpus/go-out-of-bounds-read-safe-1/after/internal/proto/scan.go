package proto

func indexByte(b []byte, c byte, pos int) int {
	for i := pos; i < len(b); i++ {
		if b[i] == c {
			return i
		}
	}
	return -1
}

func readLines(scanner *bufio.Scanner, lines []string) int {
	n := 0
	for i := 0; scanner.Scan(); i++ {
		lines[i] = scanner.Text()
		n++
	}
	return n
}
