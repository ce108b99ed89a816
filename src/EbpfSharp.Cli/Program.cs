return EbpfSharp.Cli.CliApplication.Run(args);
