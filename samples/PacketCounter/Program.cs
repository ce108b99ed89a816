using EbpfSharp.Object;
using EbpfSharp.Runtime;
using PacketCounterSample;

try
{
    return CounterApp.Run(args, Console.Out);
}
catch (Exception exception) when (exception is BpfException or ObjectFormatException or ArgumentException or FileNotFoundException)
{
    Console.Error.WriteLine($"PacketCounter: {exception.Message}");
    return 1;
}
