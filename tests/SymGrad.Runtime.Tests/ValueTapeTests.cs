using System;
using System.Linq;
using Xunit;

namespace SymGrad.Runtime.Tests;

/// <summary>The tape's bulk operations do what pushing and popping element by element does.</summary>
public class ValueTapeTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(40)]
    public void FloatRangesComeBackExactlyInTheirPlaceOnTheTape(int length)
    {
        float[] values = Enumerable.Range(0, length).Select(k => MathF.Sin(k + 0.1f) * 1e3f).ToArray();
        var tape = new ValueTape();
        tape.Push(7.5);
        tape.PushRange(values);
        tape.Push(-2.0);

        Assert.Equal(-2.0, tape.Pop());
        float[] back = new float[length];
        tape.PopRange(back);
        Assert.Equal(values, back);
        Assert.Equal(7.5, tape.Pop());
        Assert.Throws<InvalidOperationException>(() => tape.PopRange(new float[1]));
        tape.Dispose();
    }

    [Fact]
    public void PushRangeAndPopRangeMatchElementByElement()
    {
        double[] first = Enumerable.Range(0, 300).Select(i => i * 0.5).ToArray();
        double[] second = { -1.0, double.NaN, -0.0 };
        var bulk = new ValueTape();
        var single = new ValueTape();
        bulk.Push(7.0);
        single.Push(7.0);
        bulk.PushRange(first);
        bulk.PushRange(second);
        foreach (double value in first.Concat(second))
        {
            single.Push(value);
        }

        Assert.Equal(single.Count, bulk.Count);
        double[] popped = new double[3];
        bulk.PopRange(popped);
        double[] expected = new double[3];
        for (int i = 2; i >= 0; i--)
        {
            expected[i] = single.Pop();
        }

        Assert.Equal(BitConverter.DoubleToInt64Bits(expected[2]), BitConverter.DoubleToInt64Bits(popped[2]));
        Assert.Equal(expected.Take(2), popped.Take(2));
        Span<double> rest = new double[300];
        bulk.PopRange(rest);
        Assert.Equal(first, rest.ToArray());
        Assert.Equal(7.0, bulk.Pop());
        Assert.Throws<InvalidOperationException>(() =>
        {
            var empty = new ValueTape();
            empty.PopRange(new double[1]);
        });
        bulk.Dispose();
        single.Dispose();
    }
}
