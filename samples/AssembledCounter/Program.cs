using AssembledCounter;
using EbpfSharp.Object;
using EbpfSharp.Runtime;

try
{
    return CounterApp.Run(args, Console.Out);
}
catch (Exception exception) when (exception is BpfException or ObjectFormatException or ArgumentException or FormatException)
{
    Console.Error.WriteLine($"AssembledCounter: {exception.Message}");
    return 1;
}
