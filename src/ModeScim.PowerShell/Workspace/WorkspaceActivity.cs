using System;
using System.Collections.Generic;
using ModeScim.Client.ModeApi;

namespace ModeScim.PowerShell.Workspace
{
    /// <summary>The Discovery API's engagement rows, found for an account by member token, email or username.</summary>
    internal sealed class WorkspaceActivity
    {
        private readonly Dictionary<string, ModeEngagement> _byKey = new Dictionary<string,
            ModeEngagement>(StringComparer.OrdinalIgnoreCase);

        public WorkspaceActivity(IEnumerable<ModeEngagement> rows)
        {
            foreach (var row in rows)
            {
                foreach (var key in new[] { "t:" + row.MemberToken, "e:" + row.Email, "u:" + row.Username })
                {
                    if (key.Length > 2)
                    {
                        _byKey[key] = row;
                    }
                }
            }
        }

        public ModeEngagement? Of(ModeWorkspaceAccount account)
        {
            return Find("t:" + account.MemberToken) ?? Find("e:" + account.Email) ?? Find("u:" + account.Username);
        }

        private ModeEngagement? Find(string key) => key.Length > 2 && _byKey.TryGetValue(key, out var row) ? row : null;
    }
}
