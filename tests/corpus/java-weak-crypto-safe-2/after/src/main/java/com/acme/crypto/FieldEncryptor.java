package com.acme.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

public class FieldEncryptor {
    private final SecretKeySpec key;

    public FieldEncryptor(byte[] rawKey) {
        this.key = new SecretKeySpec(rawKey, "AES");
    }

    public byte[] encrypt(byte[] plain, byte[] iv) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        return cipher.doFinal(plain);
    }
}
