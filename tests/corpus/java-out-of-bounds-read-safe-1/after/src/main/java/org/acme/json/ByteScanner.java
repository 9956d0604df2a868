package org.acme.json;

class ByteScanner {
    private byte[] in;
    private int len;

    int indexOf(char c, int pos) {
        for (int i = pos; i < len; i++)
            if (in[i] == (byte) c)
                return i;
        return -1;
    }

    int copyNames(Iterator<String> it, String[] out) {
        int n = 0;
        for (int i = 0; it.hasNext(); i++) {
            out[i] = it.next();
            n++;
        }
        return n;
    }
}
