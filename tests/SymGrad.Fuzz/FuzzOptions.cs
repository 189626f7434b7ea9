using System;
using System.Globalization;

namespace SymGrad.Fuzz;

/// <summary>The command line: <c>--inputs N --programs N --seed S --threads T --out DIR --build-time [--methods M]</c>.</summary>
internal sealed record FuzzOptions(int Inputs, int Programs, ulong Seed, int Threads, string? OutputFolder, bool BuildTime, int Methods, double ShrinkSeconds)
{
    public const string Usage =
        "usage: dotnet run -c Release --project tests/SymGrad.Fuzz -- [--inputs N] [--programs N] [--seed S] [--threads T] [--out DIR] [--shrink-seconds S]\n" +
        "       dotnet run -c Release --project tests/SymGrad.Fuzz -- --build-time [--methods 200]\n" +
        "       dotnet run -c Release --project tests/SymGrad.Fuzz -- --print-input I --seed S";

    public static FuzzOptions Parse(string[] args)
    {
        var options = new FuzzOptions(0, 0, 1, Environment.ProcessorCount, null, false, 200, 20);
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value");
            options = args[i] switch
            {
                "--inputs" => options with { Inputs = Count(Value(), "--inputs") },
                "--programs" => options with { Programs = Count(Value(), "--programs") },
                "--seed" => options with { Seed = ulong.Parse(Value(), CultureInfo.InvariantCulture) },
                "--threads" => options with { Threads = Math.Max(1, Count(Value(), "--threads")) },
                "--out" => options with { OutputFolder = Value() },
                "--build-time" => options with { BuildTime = true },
                "--methods" => options with { Methods = Count(Value(), "--methods") },
                "--shrink-seconds" => options with { ShrinkSeconds = double.Parse(Value(), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException("unknown option " + args[i]),
            };
        }

        if (options.Inputs == 0 && options.Programs == 0 && !options.BuildTime)
        {
            throw new ArgumentException("nothing to do: give --inputs, --programs or --build-time");
        }

        return options;
    }

    private static int Count(string text, string option) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : throw new ArgumentException(option + " takes a non-negative whole number, not " + text);
}
