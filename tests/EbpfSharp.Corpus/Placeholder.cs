namespace EbpfSharp.Corpus;
