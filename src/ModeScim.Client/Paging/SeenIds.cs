using System;
using System.Collections.Generic;

namespace ModeScim.Client.Paging
{
    /// <summary>The ids a listing has delivered, so a page that repeats users is noticed. A listing of 100,000
    /// users keeps 100,000 ids for its whole length: an id written as a lowercase GUID (what most servers issue) is
    /// kept as its 16 bytes instead of a 36-character string, about a quarter of the memory. Any other id is kept
    /// as it is, so two ids are the same only when their text is.</summary>
    internal sealed class SeenIds
    {
        private readonly HashSet<Guid> _guids = new HashSet<Guid>();
        private readonly HashSet<string> _others = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>True the first time an id is seen.</summary>
        public bool Add(string id)
        {
            return IsLowercaseGuid(id) && Guid.TryParseExact(id, "D", out var guid) ? _guids.Add(guid) : _others.Add(id);
        }

        public int Count => _guids.Count + _others.Count;

        // Only this exact spelling turns back into the same text, so nothing with another spelling is merged with it.
        private static bool IsLowercaseGuid(string id)
        {
            if (id.Length != 36)
            {
                return false;
            }
            for (var i = 0; i < id.Length; i++)
            {
                var c = id[i];
                var dash = i == 8 || i == 13 || i == 18 || i == 23;
                if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
