using EbpfSharp.Runtime;
using ExecSnoopSample;

try
{
    return await SnoopApp.RunAsync(args, Console.Out);
}
catch (Exception exception) when (exception is BpfException or ArgumentException)
{
    Console.Error.WriteLine($"ExecSnoop: {exception.Message}");
    return 1;
}
