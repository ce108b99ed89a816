using EbpfSharp.Object.Instructions;
using EbpfSharp.Object.Tests.Writing;
using EbpfSharp.Object.Writing;
using EbpfSharp.TestSupport;
using static EbpfSharp.Object.Instructions.Register;

namespace EbpfSharp.Runtime.Tests.Loading;

[Collection(SerialCollection.Name)]
public class LoadFailureLeakTests
{
    [KernelFact]
    public void Every_descriptor_is_closed_when_loading_fails_half_way()
    {
        var builder = SampleObjects.CounterWithEverything();
        builder.AddFunction(new FunctionCode("zz_broken", [Alu64.Mov.Reg(R0, R5), Jmp.Exit()])
        {
            SectionName = "xdp",
            Lines = [new SourceLine(0, "/src/Counter.cs", "return garbage;", 50, 9)],
        });
        var bytes = builder.Write();
        var before = DescriptorSnapshot.TakeBaseline();

        for (int i = 0; i < 20; i++)
            Assert.Throws<BpfVerifierException>(() => ObjectSpec.Read(bytes).Load());

        before.AssertUnchanged();
    }
}
