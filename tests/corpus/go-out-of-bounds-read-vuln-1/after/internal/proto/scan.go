package proto

func indexByte(b []byte, c byte, pos int) int {
	for i := pos; pos < len(b); i++ {
		if b[i] == c {
			return i
		}
	}
	return -1
}
