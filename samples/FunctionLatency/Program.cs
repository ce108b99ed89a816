using EbpfSharp.Runtime;
using FunctionLatencySample;

try
{
    return LatencyApp.Run(args, Console.Out);
}
catch (Exception exception) when (exception is BpfException or ArgumentException or InvalidOperationException)
{
    Console.Error.WriteLine($"FunctionLatency: {exception.Message}");
    return 1;
}
