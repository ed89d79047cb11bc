BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator
    Connect-TestEmulator -Emulator $script:Emulator

    function New-EvidenceFolderPath {
        Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-evidence-' + [guid]::NewGuid().ToString('N'))
    }

    # Journal lines with known times, as Disable-ModeUser and Invoke-ModePlan write them.
    function New-JournalLine([hashtable] $Record) {
        $base = [ordered]@{ time = ''; action = ''; userId = ''; userName = ''; groups = @(); reason = $null; operator = 'CORP\ops'; host = 'AGENT1'
            baseUri = $script:Emulator.BaseUri
        }
        foreach ($key in $Record.Keys) { $base[$key] = $Record[$key] }
        [pscustomobject]$base | ConvertTo-Json -Compress -Depth 5
    }
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Export-ModeEvidence' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
        $script:ada = New-EmulatorUser -Emulator $script:Emulator -UserName 'ada@example.com' -Active $false
        $script:bob = New-EmulatorUser -Emulator $script:Emulator -UserName 'bob@example.com'
        $script:carol = New-EmulatorUser -Emulator $script:Emulator -UserName 'carol@example.com' -DisplayName '=HYPERLINK("http://evil")'
        $script:journal = New-TestJournalPath
        $script:lines = @(
            New-JournalLine @{ time = '2020-06-01T00:00:00Z'; action = 'Disable'; userId = 'gone-id'; userName = 'old@example.com' }
            New-JournalLine @{ time = '2024-03-01T08:59:59Z'; action = 'PlanApply'
                plan = [ordered]@{ id = 'p-123'; sha256 = 'abc123'; file = 'plan.json'; kind = 'Sync-ModeUser'; createdAt = '2024-02-29T18:00:00Z'
                    createdBy = 'CORP\approver on AGENT1'; changes = 1
                }
            }
            New-JournalLine @{ time = '2024-03-01T09:00:00Z'; action = 'Disable'; userId = $script:ada.id; userName = 'ada@example.com'
                reason = '##vso[task.setvariable variable=x]1'; plan = [ordered]@{ id = 'p-123'; sha256 = 'abc123' }
                groups = @([ordered]@{ id = 'g1'; displayName = 'Finance' })
            }
        )
        [System.IO.File]::WriteAllText($script:journal, (($script:lines -join "`n") + "`n"))
        $script:hr = @(
            [pscustomobject]@{ UserName = 'ada@example.com'; LeaveDate = '2024-02-29' }
            [pscustomobject]@{ UserName = 'bob@example.com'; 'Termination Date' = '2024-02-15' }
            [pscustomobject]@{ UserName = 'carol@example.com'; LeaveDate = '' }
            [pscustomobject]@{ UserName = 'dan@example.com'; 'Last Day' = '03/04/2024' }
            [pscustomobject]@{ UserName = 'old@example.com'; LeaveDate = '2020-05-31' }
        )
        $script:folder = New-EvidenceFolderPath
    }

    AfterEach {
        Remove-Item $script:journal -ErrorAction SilentlyContinue
        Remove-Item $script:folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'writes the five files and a manifest whose sizes and SHA-256 hashes match the files' {
        Reset-ModeScimEmulator $script:Emulator
        $result = $script:hr | Export-ModeEvidence -Path $script:folder -Since '2021-01-01' -JournalPath $script:journal -WarningAction SilentlyContinue

        $result | Should -BeOfType 'ModeScim.PowerShell.Models.ModeEvidenceResult'
        $manifest = Get-Content -Raw (Join-Path $script:folder 'manifest.json') | ConvertFrom-Json
        @($manifest.files.name) | Should -Be @('accounts.csv', 'journal.jsonl', 'journal.csv', 'leavers.csv', 'plans.csv')
        foreach ($file in $manifest.files) {
            $path = Join-Path $script:folder $file.name
            (Get-FileHash -Algorithm SHA256 -LiteralPath $path).Hash | Should -Be $file.sha256
            (Get-Item -LiteralPath $path).Length | Should -Be $file.size
        }
        $manifest.moduleVersion | Should -Be ((Get-Module ModeScim).Version.ToString())
        $manifest.baseUri | Should -Be ([uri]$script:Emulator.BaseUri).AbsoluteUri
        # ConvertFrom-Json makes a date of the text: the text itself is read.
        Get-Content -Raw (Join-Path $script:folder 'manifest.json') | Should -BeLike '*"since": "2021-01-01T00:00:00Z"*'
        $manifest.counts.notRevoked | Should -Be 1
        @(Get-ChildItem -Force -LiteralPath $script:folder).Name | Sort-Object | Should -Be @(
            'accounts.csv', 'journal.csv', 'journal.jsonl', 'leavers.csv', 'manifest.json', 'plans.csv')
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }

    It 'lists every account now, with outside text kept from running as a formula' {
        $result = Export-ModeEvidence -Path $script:folder -Reference $script:hr -JournalPath $script:journal -WarningAction SilentlyContinue

        $accounts = @(Import-Csv (Join-Path $script:folder 'accounts.csv'))
        # The people of the HR rows with no account are the report's Missing rows.
        $result.Accounts | Should -Be 5
        @($accounts | Where-Object Status -NE 'Missing' | ForEach-Object UserName | Sort-Object) |
            Should -Be @('ada@example.com', 'bob@example.com', 'carol@example.com')
        @($accounts | Where-Object Status -EQ 'Missing' | ForEach-Object UserName | Sort-Object) | Should -Be @('dan@example.com', 'old@example.com')
        ($accounts | Where-Object UserName -EQ 'carol@example.com').DisplayName | Should -Be '''=HYPERLINK("http://evil")'
        ($accounts | Where-Object UserName -EQ 'ada@example.com').Active | Should -Be 'False'
    }

    It 'gives a leaver''s hours from the leave date to the Disable record, and lists one with no record as not revoked' {
        $result = Export-ModeEvidence -Path $script:folder -Reference $script:hr -Since '2021-01-01' -JournalPath $script:journal `
            -WarningVariable warnings -WarningAction SilentlyContinue

        $leavers = @(Import-Csv (Join-Path $script:folder 'leavers.csv'))
        @($leavers.UserName) | Should -Be @('ada@example.com', 'bob@example.com', 'dan@example.com', 'old@example.com')
        $ada = $leavers | Where-Object UserName -EQ 'ada@example.com'
        ($ada.Status, $ada.LeaveDate, $ada.DisabledAt, $ada.HoursToRevoke, $ada.AccountNow) |
            Should -Be @('Revoked', '2024-02-29T00:00:00Z', '2024-03-01T09:00:00Z', '33', 'Inactive')
        $bob = $leavers | Where-Object UserName -EQ 'bob@example.com'
        ($bob.Status, $bob.AccountNow, $bob.HoursToRevoke, $bob.LeaveDateColumn) | Should -Be @('NotRevoked', 'Active', '', 'Termination Date')
        # The revocation is looked for in the whole journal, not only in the period.
        ($leavers | Where-Object UserName -EQ 'old@example.com').HoursToRevoke | Should -Be '24'
        ($result.Leavers, $result.NotRevoked, $result.Unreadable) | Should -Be @(4, 1, 1)
        @($warnings | Where-Object { "$_" -like '*1 leaver(s) are not shown revoked*' }).Count | Should -Be 1
    }

    It 'lists a leave date it cannot read with the problem, never as a leaver with a date' {
        $null = Export-ModeEvidence -Path $script:folder -Reference $script:hr -JournalPath $script:journal -WarningAction SilentlyContinue

        $dan = Import-Csv (Join-Path $script:folder 'leavers.csv') | Where-Object UserName -EQ 'dan@example.com'
        ($dan.Status, $dan.LeaveDate, $dan.HoursToRevoke, $dan.LeaveDateText) | Should -Be @('Unreadable', '', '', '03/04/2024')
        $dan.Note | Should -BeLike '*day/month or month/day*'
    }

    It 'lists the plan a PlanApply record names, with the changes made under its id' {
        $result = Export-ModeEvidence -Path $script:folder -Since '2021-01-01' -JournalPath $script:journal -WarningAction SilentlyContinue

        $plans = @(Import-Csv (Join-Path $script:folder 'plans.csv'))
        $result.PlansApplied | Should -Be 1
        ($plans.PlanId, $plans.Sha256, $plans.File, $plans.Kind, $plans.CreatedAt, $plans.CreatedBy, $plans.PlannedChanges) |
            Should -Be @('p-123', 'abc123', 'plan.json', 'Sync-ModeUser', '2024-02-29T18:00:00Z', 'CORP\approver on AGENT1', '1')
        ($plans.AppliedAt, $plans.AppliedBy, $plans.ChangesMade, $plans.ChangesByAction) | Should -Be @('2024-03-01T08:59:59Z', 'CORP\ops', '1', 'Disable 1')
    }

    It 'holds the period''s records as the journal''s own lines, with no logging command left in them' {
        $null = Export-ModeEvidence -Path $script:folder -Since '2021-01-01' -JournalPath $script:journal -WarningAction SilentlyContinue

        $raw = @(Get-Content -LiteralPath (Join-Path $script:folder 'journal.jsonl'))
        $raw.Count | Should -Be 2
        $raw[0] | Should -Be $script:lines[1]
        $raw[1] | Should -Not -BeLike '*##vso`[*'
        ($raw[1] | ConvertFrom-Json).reason | Should -Be '##vso[task.setvariable variable=x]1'
        ($raw[1] | ConvertFrom-Json).plan.id | Should -Be 'p-123'
        $table = @(Import-Csv (Join-Path $script:folder 'journal.csv'))
        (($table.Action -join ','), $table[1].PlanId, $table[1].Groups, $table[1].Line) | Should -Be @('PlanApply,Disable', 'p-123', 'Finance', '3')
        $table[1].Reason | Should -Be '##vso%5Btask.setvariable variable=x]1'
    }

    It 'takes the journal''s records at or after -Since' {
        (Export-ModeEvidence -Path $script:folder -Since '2019-01-01' -JournalPath $script:journal -WarningAction SilentlyContinue).JournalRecords |
            Should -Be 3
        $late = Export-ModeEvidence -Path $script:folder -Since '2024-03-01T09:00:00Z' -JournalPath $script:journal -Force -WarningAction SilentlyContinue
        ($late.JournalRecords, $late.PlansApplied) | Should -Be @(1, 0)
        @(Import-Csv (Join-Path $script:folder 'journal.csv')).Action | Should -Be @('Disable')
    }

    It 'refuses a folder that holds evidence, before any request, and replaces the whole set with -Force' {
        $null = Export-ModeEvidence -Path $script:folder -Since '2019-01-01' -JournalPath $script:journal -WarningAction SilentlyContinue
        $before = (Get-FileHash (Join-Path $script:folder 'manifest.json')).Hash
        Reset-ModeScimEmulator $script:Emulator

        { Export-ModeEvidence -Path $script:folder -JournalPath $script:journal } |
            Should -Throw -ErrorId 'ModeScim.EvidenceExists,ModeScim.PowerShell.Commands.ExportModeEvidenceCommand'

        (Get-ModeScimEmulatorStats $script:Emulator).total | Should -Be 0
        (Get-FileHash (Join-Path $script:folder 'manifest.json')).Hash | Should -Be $before
        $replaced = Export-ModeEvidence -Path $script:folder -Since '2024-01-01' -JournalPath $script:journal -Force -WarningAction SilentlyContinue
        $replaced.JournalRecords | Should -Be 2
        Get-Content -Raw (Join-Path $script:folder 'manifest.json') | Should -BeLike '*"since": "2024-01-01T00:00:00Z"*'
        @(Get-ChildItem -Force -LiteralPath $script:folder).Count | Should -Be 6
    }

    It 'refuses a journal that does not exist, before any request' {
        Reset-ModeScimEmulator $script:Emulator

        { Export-ModeEvidence -Path $script:folder -JournalPath (New-TestJournalPath) } |
            Should -Throw -ErrorId 'ModeScim.JournalNotFound,ModeScim.PowerShell.Commands.ExportModeEvidenceCommand'

        (Get-ModeScimEmulatorStats $script:Emulator).total | Should -Be 0
        Test-Path $script:folder | Should -BeFalse
    }

    It 'refuses a folder it cannot make, before any request' {
        $file = New-TestJournalPath
        Set-Content -LiteralPath $file -Value 'not a folder'
        Reset-ModeScimEmulator $script:Emulator
        try {
            { Export-ModeEvidence -Path (Join-Path $file 'evidence') -JournalPath $script:journal } |
                Should -Throw -ErrorId 'ModeScim.EvidenceWriteFailed,ModeScim.PowerShell.Commands.ExportModeEvidenceCommand'
            { Export-ModeEvidence -Path $file -JournalPath $script:journal } |
                Should -Throw -ErrorId 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.ExportModeEvidenceCommand'
            (Get-ModeScimEmulatorStats $script:Emulator).total | Should -Be 0
        }
        finally {
            Remove-Item $file -ErrorAction SilentlyContinue
        }
    }

    It 'writes nothing with -WhatIf' {
        Export-ModeEvidence -Path $script:folder -JournalPath $script:journal -WhatIf | Should -BeNullOrEmpty
        Test-Path $script:folder | Should -BeFalse
    }
}
