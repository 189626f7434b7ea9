using System;
using System.Globalization;
using SymGrad.Fuzz;
using SymGrad.Fuzz.BuildTime;
using SymGrad.Fuzz.Campaigns;

// Every message is written culture-invariantly, whatever the machine's culture.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Length == 2 && args[0] == "--judge")
{
    return SymGrad.Fuzz.Inputs.ChildJudge.RunInChild(args[1]);
}

if (args.Length == 4 && args[0] == "--print-input" && args[2] == "--seed")
{
    // Makes input I of a run with seed S again, e.g. one whose finding was already recorded under another input's name.
    var (corpus, _) = SymGrad.Fuzz.Corpus.CorpusLoader.Load();
    var input = new SymGrad.Fuzz.Inputs.InputFactory(corpus, ulong.Parse(args[3], CultureInfo.InvariantCulture)).Create(int.Parse(args[1], CultureInfo.InvariantCulture));
    Console.WriteLine("// " + input.Origin);
    Console.WriteLine(input.Source);
    return 0;
}

FuzzOptions options;
try
{
    options = FuzzOptions.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(FuzzOptions.Usage);
    return 2;
}

int status = 0;
if (options.BuildTime)
{
    BuildTimeBenchmark.Run(options.Methods);
}

// The gradient campaign runs first so that the pinned input summary stays the last line.
if (options.Programs > 0 && !ProgramCampaign.Run(options))
{
    status = 1;
}

if (options.Inputs > 0 && !InputCampaign.Run(options))
{
    status = 1;
}

return status;
