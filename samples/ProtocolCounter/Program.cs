using EbpfSharp.Object;
using EbpfSharp.Runtime;
using ProtocolCounterSample;

try
{
    return CounterApp.Run(args, Console.Out);
}
catch (Exception exception) when (exception is BpfException or ObjectFormatException or ArgumentException or FormatException or FileNotFoundException)
{
    Console.Error.WriteLine($"ProtocolCounter: {exception.Message}");
    return 1;
}
