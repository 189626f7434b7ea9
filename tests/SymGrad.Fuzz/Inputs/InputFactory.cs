using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using SymGrad.Fuzz.Corpus;
using SymGrad.Generator.Tests.Properties;

namespace SymGrad.Fuzz.Inputs;

/// <summary>
/// Makes input number <c>i</c> of a run from the seed alone, so any input can be made again and the
/// run's result does not depend on how inputs are spread over threads. Three in five are mutations
/// of the corpus; the rest are random well-typed programs (the property tests' random expressions
/// and loop programs), half of them mutated too.
/// </summary>
internal sealed class InputFactory
{
    private readonly IReadOnlyList<CorpusEntry> corpus;
    private readonly ulong seed;

    public InputFactory(IReadOnlyList<CorpusEntry> corpus, ulong seed)
    {
        this.corpus = corpus;
        this.seed = seed;
    }

    public FuzzInput Create(int index)
    {
        var random = new Random(unchecked((int)(seed * 1_000_003UL) ^ index * 7919));
        var pcg = new PCG((uint)index, seed);
        int kind = random.Next(10);
        if (kind < 6)
        {
            CorpusEntry entry = corpus[random.Next(corpus.Count)];
            (string source, string description) = Mutator.Mutate(entry.Source, random);
            return new FuzzInput(index, "mutation of " + entry.Origin + ": " + description, source);
        }

        string program = kind < 8 ? RandomExpressions(pcg, random) : RandomLoopPrograms(pcg, random);
        string origin = kind < 8 ? "random expressions" : "random loop programs";
        if (random.Next(2) == 0)
        {
            (string mutated, string description) = Mutator.Mutate(program, random);
            return new FuzzInput(index, origin + ", mutated: " + description, mutated);
        }

        return new FuzzInput(index, origin, program);
    }

    private static string RandomExpressions(PCG pcg, Random random)
    {
        RandomExpression[] expressions = RandomExpression.Of(1 + random.Next(4)).Array[1, 4].Generate(pcg, null, out _);
        return ExpressionBatch.Source(expressions);
    }

    private static string RandomLoopPrograms(PCG pcg, Random random)
    {
        RandomLoopProgram[] programs = RandomLoopProgram.Programs.Array[1, 2].Generate(pcg, null, out _);
        return LoopProgramBatch.Source(programs);
    }
}
