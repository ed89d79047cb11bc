using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModeScim.Client.Filtering;
using ModeScim.Client.Lookups;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Users
{
    /// <summary>What Get-ModeUser lists: one selection for each -UserName, -Email or -Search value (or one for all users), each
    /// with the -Status and the -Filter; the values refused before any request; and the exact values, for which finding
    /// nobody is an error, as with Get-Item.</summary>
    internal sealed class UserListRequest
    {
        private readonly Dictionary<ScimUserSelection, string> _exact = new Dictionary<ScimUserSelection, string>();
        private readonly Dictionary<ScimUserSelection, string> _searched = new Dictionary<ScimUserSelection, string>();

        /// <param name="parameter">"UserName", "Email" or "Search", naming what <paramref name="values"/> are; null to list
        /// all users.</param>
        public UserListRequest(string? parameter, IEnumerable<string>? values, ModeUserStatus status, string? filterText, ulong skip)
        {
            var filter = ParseOrRefuse(filterText);
            if (skip > int.MaxValue - 1)
            {
                Refused.Add(ErrorRecordFactory.InvalidInput("-Skip " + skip + " is larger than SCIM's startIndex allows.", skip));
            }
            if (Refused.Count > 0)
            {
                return;
            }
            if (parameter == null || values == null)
            {
                Selections.Add(new ScimUserSelection(UserCriteria.ForStatus(status), filter));
                return;
            }
            foreach (var value in values)
            {
                var problem = InputValidation.ProblemWithIdentity(value);
                if (problem != null)
                {
                    Refused.Add(ErrorRecordFactory.InvalidInput(problem.Replace("An identity", "-" + parameter), value));
                    continue;
                }
                var condition = ConditionFor(parameter, value);
                var selection = new ScimUserSelection(new[] { condition }.Concat(UserCriteria.ForStatus(status)), filter);
                Selections.Add(selection);
                if (parameter == SearchParameter)
                {
                    _searched.Add(selection, value.Trim());
                }
                else if (!UserCriteria.IsPattern(value))
                {
                    _exact.Add(selection, value);
                }
            }
        }

        /// <summary>The parameter whose values are searched for anywhere in names and emails.</summary>
        public const string SearchParameter = "Search";

        public List<ScimUserSelection> Selections { get; } = new List<ScimUserSelection>();

        /// <summary>Why a value, or the whole request, was refused before any request; a refused -Filter or -Skip leaves no
        /// selection at all.</summary>
        public List<ErrorRecord> Refused { get; } = new List<ErrorRecord>();

        /// <summary>The value a selection was made from when it names one user exactly; null for a pattern or all users.</summary>
        public string? ExactValue(ScimUserSelection selection) => _exact.TryGetValue(selection, out var value) ? value : null;

        /// <summary>The -Search text a selection was made from; null for any other selection.</summary>
        public string? SearchedText(ScimUserSelection selection) => _searched.TryGetValue(selection, out var value) ? value : null;

        private static ScimUserCondition ConditionFor(string parameter, string value)
        {
            switch (parameter)
            {
                case "Email":
                    return UserCriteria.ForEmail(value);
                case SearchParameter:
                    return ScimUserCondition.Search(value.Trim());
                default:
                    return UserCriteria.ForUserName(value);
            }
        }

        private ScimFilter? ParseOrRefuse(string? filterText)
        {
            try
            {
                return filterText == null ? null : ScimFilter.Raw(filterText);
            }
            catch (ArgumentException ex)
            {
                Refused.Add(ErrorRecordFactory.InvalidInput(ex.Message, filterText, ex));
                return null;
            }
        }
    }
}
