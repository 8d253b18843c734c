package dev.brisk.tfb;

/** TFB's rules, Vert.x's reactive PostgreSQL client in loop routes resumed on Brisk's loop. */
class TfbAsyncTest extends TfbVerification {
    TfbAsyncTest() {
        super(TfbApp.Driver.ASYNC);
    }
}
