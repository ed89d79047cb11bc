using System;
using System.Collections.Generic;

namespace ModeScim.Client.Paging
{
    /// <summary>The ids a listing has delivered, so a page that repeats users is noticed. A listing of 100,000
    /// users keeps 100,000 ids for its whole length: an id written as a lowercase GUID (what most servers issue) is
    /// kept as its 16 bytes instead of a 36-character string, in a set sized for the count the server announced.
    /// Any other id is kept as it is, so two ids are the same only when their text is.</summary>
    internal sealed class SeenIds
    {
        // A server's count only sizes the set up front, never limits it: past this many the set grows as ids arrive,
        // so a server that announces billions costs under 6 MB before it proves it.
        private const int MostReservedAhead = 250_000;

        private readonly HashSet<string> _others = new HashSet<string>(StringComparer.Ordinal);
        private Id128Set? _guids;
        private int _expected;

        /// <summary>How many ids the listing expects in all (the server's count), before the first is added.</summary>
        public void Expect(int count)
        {
            _expected = Math.Min(Math.Max(0, count), MostReservedAhead);
        }

        /// <summary>True the first time an id is seen.</summary>
        public bool Add(string id)
        {
            if (TryReadLowercaseGuid(id, out var high, out var low))
            {
                _guids ??= new Id128Set(_expected);
                return _guids.Add(high, low);
            }
            return _others.Add(id);
        }

        public int Count => (_guids?.Count ?? 0) + _others.Count;

        // Only this exact spelling (8-4-4-4-12 lowercase hex digits) turns back into the same text, so nothing with
        // another spelling is merged with it. The 32 digits are read as two 64-bit halves.
        private static bool TryReadLowercaseGuid(string id, out ulong high, out ulong low)
        {
            high = 0;
            low = 0;
            if (id.Length != 36)
            {
                return false;
            }
            var digits = 0;
            for (var i = 0; i < id.Length; i++)
            {
                var c = id[i];
                if (i == 8 || i == 13 || i == 18 || i == 23)
                {
                    if (c != '-')
                    {
                        return false;
                    }
                    continue;
                }
                ulong nibble;
                if (c >= '0' && c <= '9')
                {
                    nibble = (ulong)(c - '0');
                }
                else if (c >= 'a' && c <= 'f')
                {
                    nibble = (ulong)(c - 'a' + 10);
                }
                else
                {
                    return false;
                }
                if (digits++ < 16)
                {
                    high = (high << 4) | nibble;
                }
                else
                {
                    low = (low << 4) | nibble;
                }
            }
            return true;
        }
    }
}
