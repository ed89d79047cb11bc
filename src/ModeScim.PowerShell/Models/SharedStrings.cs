using System;
using System.Collections.Generic;

namespace ModeScim.PowerShell.Models
{
    /// <summary>One copy of each text that many listed objects repeat. A listing's users name the same few groups
    /// over and over, and each user parsed from its page brings its own copy of every group's id and name: kept by a
    /// caller (`$all = @(Get-ModeUser)`), those copies were about a fifth of what each user holds, and every one of
    /// them is copied again by each collection that keeps it. Bounded, so a listing of unusual text cannot grow it
    /// without end.</summary>
    internal sealed class SharedStrings
    {
        private const int MaxShared = 10_000;
        private readonly Dictionary<string, string> _shared = new Dictionary<string, string>(StringComparer.Ordinal);

        public string? Share(string? text)
        {
            if (text == null)
            {
                return null;
            }
            if (_shared.TryGetValue(text, out var shared))
            {
                return shared;
            }
            if (_shared.Count < MaxShared)
            {
                _shared.Add(text, text);
            }
            return text;
        }
    }
}
