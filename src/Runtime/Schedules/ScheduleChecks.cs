using System;

namespace SymGrad.Schedules
{
    internal static class ScheduleChecks
    {
        public static void Epoch(int epoch)
        {
            if (epoch < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "Epochs are counted from 0.");
            }
        }

        public static void Rate(double rate, string name)
        {
            if (!double.IsFinite(rate) || rate < 0.0)
            {
                throw new ArgumentOutOfRangeException(name, rate, "A learning rate must be finite and non-negative.");
            }
        }

        public static void Positive(double value, string name)
        {
            if (!double.IsFinite(value) || value <= 0.0)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and positive.");
            }
        }
    }
}
