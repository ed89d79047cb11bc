using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Filtering;
using ModeScim.Client.Models;

namespace ModeScim.Client.Lookups
{
    /// <summary>Which users an admin asked for: every condition must hold, and a filter of the caller's own, if given, is
    /// sent as written. No conditions and no filter: every user.</summary>
    public sealed class ScimUserSelection
    {
        public ScimUserSelection(IEnumerable<ScimUserCondition> conditions, ScimFilter? filter = null)
        {
            Conditions = (conditions ?? throw new ArgumentNullException(nameof(conditions))).ToList();
            Filter = filter;
        }

        public IReadOnlyList<ScimUserCondition> Conditions { get; }

        /// <summary>The caller's filter: always sent, never second-guessed, and never matched here.</summary>
        public ScimFilter? Filter { get; }

        /// <summary>Whether every condition holds; checked for each user listed, so without a delegate.</summary>
        public bool Matches(ScimUser user)
        {
            foreach (var condition in Conditions)
            {
                if (!condition.Matches(user))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
