using System;

namespace SymGrad.Metrics
{
    internal static class MetricChecks
    {
        public static void SameLength(int actual, int other, string otherName)
        {
            if (actual != other)
            {
                throw new ArgumentException($"There are {actual} actual values but {other} {otherName}.", otherName);
            }
        }

        public static void NotEmpty(int length)
        {
            if (length == 0)
            {
                throw new ArgumentException("The metric is undefined for zero samples.", "actual");
            }
        }

        public static void Label(int label, int classCount, int index, string name)
        {
            if ((uint)label >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(name, label, $"{name}[{index}] = {label} is not a class in [0, {classCount}).");
            }
        }
    }
}
