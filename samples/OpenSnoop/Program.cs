using EbpfSharp.Runtime;
using OpenSnoopSample;

try
{
    return await SnoopApp.RunAsync(args, Console.Out);
}
catch (Exception exception) when (exception is BpfException or ArgumentException)
{
    Console.Error.WriteLine($"OpenSnoop: {exception.Message}");
    return 1;
}
