using System;
using System.Collections.Generic;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Planning
{
    /// <summary>The people an access review's reference (the HR export) vouches for, by the report's key. Pure: made from
    /// rows already read.</summary>
    internal sealed class AccessReference
    {
        private readonly Dictionary<string, UserSpec> _vouched;
        private readonly Dictionary<string, string> _keyByUserName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _unreadableStatus = new List<string>();

        private AccessReference(bool byExternalId, bool isGiven)
        {
            ByExternalId = byExternalId;
            IsGiven = isGiven;
            Comparer = byExternalId ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
            _vouched = new Dictionary<string, UserSpec>(Comparer);
        }

        /// <summary>The key is the externalId (compared exactly), else the userName (compared as RFC 7643 says, ignoring case).</summary>
        public bool ByExternalId { get; }

        public StringComparer Comparer { get; }

        /// <summary>False for a review without a reference: nobody is then orphaned, and nobody missing.</summary>
        public bool IsGiven { get; }

        /// <summary>The people who should have access, by key; the first row of each key.</summary>
        public IReadOnlyDictionary<string, UserSpec> Vouched => _vouched;

        /// <summary>Rows that have a key.</summary>
        public int Keyed { get; private set; }

        /// <summary>Keys of rows whose status this module cannot read: they are taken as expected, not as leavers.</summary>
        public IReadOnlyList<string> UnreadableStatus => _unreadableStatus;

        /// <summary>No reference: a review of who has access, vouched for or not.</summary>
        public static AccessReference None(bool byExternalId) => new AccessReference(byExternalId, isGiven: false);

        public static AccessReference From(IEnumerable<UserSpec> rows, bool byExternalId)
        {
            var reference = new AccessReference(byExternalId, isGiven: true);
            foreach (var row in rows)
            {
                reference.Add(row);
            }
            return reference;
        }

        /// <summary>The key a user or a row is known by; null when it has none.</summary>
        public string? KeyOf(string? userName, string? externalId) => ByExternalId ? externalId : userName;

        /// <summary>True when a reference was given and does not vouch for the key (or there is no key to vouch for).</summary>
        public bool Orphans(string? key) => IsGiven && (key == null || !_vouched.ContainsKey(key));

        /// <summary>With the ExternalId key, the key of the active row naming this userName: an account SAML made just in time
        /// has no externalId, and that row vouches for it.</summary>
        public string? KeyVouchingFor(string? userName) =>
            ByExternalId && userName != null && _keyByUserName.TryGetValue(userName, out var key) ? key : null;

        private void Add(UserSpec row)
        {
            // A key is read as a person reads it: a reference row with an invisible character after a userName still
            // vouches for that user, rather than making them orphaned.
            var key = KeyOf(row.UserName, row.ExternalId);
            key = key == null ? null : InputValidation.Visible(key);
            if (InputValidation.IsEmpty(key))
            {
                return;
            }
            Keyed++;
            if (row.Status.Problem != null)
            {
                _unreadableStatus.Add(key);
            }
            // A row the source marks as not active names someone who should no longer have access.
            if (row.Status.IsInactive)
            {
                return;
            }
            if (!_vouched.ContainsKey(key))
            {
                _vouched[key] = row;
            }
            if (row.UserName != null)
            {
                _keyByUserName[InputValidation.Visible(row.UserName)] = key;
            }
        }
    }
}
