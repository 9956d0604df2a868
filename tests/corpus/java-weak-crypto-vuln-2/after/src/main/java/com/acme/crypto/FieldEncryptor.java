package com.acme.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

public class FieldEncryptor {
    private final SecretKeySpec key;

    public FieldEncryptor(byte[] rawKey) {
        this.key = new SecretKeySpec(rawKey, "DES");
    }

    public byte[] encrypt(byte[] plain, byte[] iv) throws Exception {
        Cipher cipher = Cipher.getInstance("DES/ECB/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(plain);
    }
}
