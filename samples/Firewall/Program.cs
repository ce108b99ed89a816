using EbpfSharp.Object;
using EbpfSharp.Runtime;
using FirewallSample;

try
{
    return FirewallApp.Run(args, Console.Out);
}
catch (Exception exception) when (exception is BpfException or ObjectFormatException or ArgumentException or FileNotFoundException)
{
    Console.Error.WriteLine($"Firewall: {exception.Message}");
    return 1;
}
