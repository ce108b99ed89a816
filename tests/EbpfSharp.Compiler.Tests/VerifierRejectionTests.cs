using EbpfSharp.Compiler.Tests.Programs;
using EbpfSharp.Runtime;
using EbpfSharp.TestSupport;

namespace EbpfSharp.Compiler.Tests;

public sealed class VerifierRejectionTests
{
    [KernelFact]
    public void Rejected_program_fails_to_load_with_the_CSharp_line_in_the_verifier_log()
    {
        var compiled = CompiledPrograms.Object(typeof(ReadsPastCheckedBound));

        var exception = Assert.Throws<BpfVerifierException>(() => ObjectSpec.Read(compiled.Bytes, compiled.ClassName).Load());

        int line = CompiledPrograms.LineOf("Programs/Rejected.cs", "// the rejected read");
        Assert.Contains($"byte beyond = data[19]; // the rejected read @ Rejected.cs:{line}", exception.VerifierLog);
        Assert.Contains("invalid access to packet", exception.VerifierLog);
    }
}
