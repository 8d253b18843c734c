package dev.brisk.tfb;

/** TFB's rules, JDBC (pgjdbc + HikariCP) in worker routes on virtual threads. */
class TfbJdbcTest extends TfbVerification {
    TfbJdbcTest() {
        super(TfbApp.Driver.JDBC);
    }
}
