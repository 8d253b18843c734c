/**
 * Loads a JVMTI agent into a running JVM, as async-profiler's jattach does: {@code java Attach.java PID LIBRARY
 * OPTIONS}. Run by benchmarks/profile (the JDK's single-file source launcher, so nothing is built for it).
 */
public class Attach {
    public static void main(String[] args) throws Exception {
        var vm = com.sun.tools.attach.VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
