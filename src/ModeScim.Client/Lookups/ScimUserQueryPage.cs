using System.Collections.Generic;
using ModeScim.Client.Models;

namespace ModeScim.Client.Lookups
{
    /// <summary>One step of a user query: the users of one page that are handed out, with how far the listing has read;
    /// or, with no users, the news that the server refused part of the filter and the listing starts again.</summary>
    public sealed class ScimUserQueryPage
    {
        internal ScimUserQueryPage(IReadOnlyList<ScimUser> users, int received, int? total, string? nowMatchedHere)
        {
            Users = users;
            Received = received;
            Total = total;
            NowMatchedHere = nowMatchedHere;
        }

        /// <summary>Matched, not seen before in this query, past -Skip and within -First.</summary>
        public IReadOnlyList<ScimUser> Users { get; }

        /// <summary>Resources the current listing has read from the server so far.</summary>
        public int Received { get; }

        /// <summary>The server's count for the current listing, when it gave one.</summary>
        public int? Total { get; }

        /// <summary>Set when the server refused a filter: what the restarted listing matches here instead, such as
        /// "userName like 'a*'".</summary>
        public string? NowMatchedHere { get; }
    }
}
