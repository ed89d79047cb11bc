BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator
    Connect-TestEmulator -Emulator $script:Emulator
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Get-ModeScimJournal' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
        $script:journal = New-TestJournalPath
        foreach ($name in 'ada@example.com', 'bob@example.com', 'carol@example.com') {
            $null = New-EmulatorUser -Emulator $script:Emulator -UserName $name
        }
        'ada@example.com', 'bob@example.com', 'carol@example.com' | Disable-ModeUser -JournalPath $script:journal -Reason 'nightly'
        Enable-ModeUser 'bob@example.com' -JournalPath $script:journal
    }

    AfterEach {
        Remove-Item $script:journal -ErrorAction SilentlyContinue
    }

    It 'returns every record as an object, oldest first' {
        $records = @(Get-ModeScimJournal -Path $script:journal)

        $records.Count | Should -Be 4
        $records[0] | Should -BeOfType 'ModeScim.PowerShell.Models.ModeScimJournalRecord'
        $records.Action | Should -Be @('Disable', 'Disable', 'Disable', 'Enable')
        $records[0].Line | Should -Be 1
    }

    It 'filters by userName with wildcards, by action and by time' {
        @(Get-ModeScimJournal -Path $script:journal -UserName 'B*').Count | Should -Be 2
        @(Get-ModeScimJournal -Path $script:journal -Action Enable).UserName | Should -Be 'bob@example.com'
        @(Get-ModeScimJournal -Path $script:journal -After (Get-Date).AddMinutes(5)).Count | Should -Be 0
        @(Get-ModeScimJournal -Path $script:journal -Before (Get-Date).AddMinutes(5)).Count | Should -Be 4
    }

    It 'filters by user id' {
        $id = (Get-ModeUser 'carol@example.com').Id
        (Get-ModeScimJournal -Path $script:journal -UserId $id).UserName | Should -Be 'carol@example.com'
    }

    It 'filters by an array of userNames and of user ids' {
        $ids = @(Get-ModeUser 'ada@example.com', 'carol@example.com').Id

        @(Get-ModeScimJournal -Path $script:journal -UserName 'ada@example.com', 'B*').UserName |
            Should -Be 'ada@example.com', 'bob@example.com', 'bob@example.com'
        @(Get-ModeScimJournal -Path $script:journal -UserId $ids).UserName | Should -Be 'ada@example.com', 'carol@example.com'
    }

    It 'skips a half-written last line with a warning, and keeps every whole record' {
        Add-Content -LiteralPath $script:journal -Value '{"time":"2026-01-01T00:00:00Z","action":"Disa' -NoNewline

        $output = @(Get-ModeScimJournal -Path $script:journal 3>&1)

        @($output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count | Should -Be 1
        @($output | Where-Object { $_ -is [ModeScim.PowerShell.Models.ModeScimJournalRecord] }).Count | Should -Be 4
    }

    It 'starts the next record on its own line after a crash left half a line' {
        Add-Content -LiteralPath $script:journal -Value '{"time":"2026-01-01T00:00:00Z","act' -NoNewline

        Disable-ModeUser 'bob@example.com' -JournalPath $script:journal -WarningAction SilentlyContinue

        @(Get-ModeScimJournal -Path $script:journal -WarningAction SilentlyContinue).Count | Should -Be 5
        (Get-Content -LiteralPath $script:journal)[-1] | ConvertFrom-Json | ForEach-Object { $_.userName } | Should -Be 'bob@example.com'
    }

    It 'reads Create, Update and PlanApply records: a Create and a PlanApply without a user id, the changes and the plan id' {
        $plan = '"plan":{"id":"plan-7","sha256":"abc"}'
        Add-Content -LiteralPath $script:journal -Value @(
            '{"time":"2026-01-01T00:00:00Z","action":"PlanApply","userId":"","userName":"","groups":[],"plan":{"id":"plan-7","sha256":"abc","file":"p.json","kind":"Sync-ModeUser"}}'
            ('{"time":"2026-01-01T00:00:01Z","action":"Create","userId":"","userName":"new@example.com","groups":[],' + $plan + ',"changes":[{"attribute":"email","new":"new@example.com"}]}')
            ('{"time":"2026-01-01T00:00:02Z","action":"Update","userId":"u9","userName":"ada@example.com","groups":[],' + $plan + ',"changes":[{"attribute":"email","old":"ada@example.com","new":"ada.l@example.com"},{"attribute":"givenName","new":null}]}'))

        $warnings = @()
        $all = @(Get-ModeScimJournal -Path $script:journal -WarningVariable warnings)
        $create = @(Get-ModeScimJournal -Path $script:journal -Action Create)
        $update = @(Get-ModeScimJournal -Path $script:journal -Action Update)
        $apply = @(Get-ModeScimJournal -Path $script:journal -Action PlanApply)

        $warnings.Count | Should -Be 0
        $all.Count | Should -Be 7
        $create.UserName | Should -Be 'new@example.com'
        $create[0].Changes.ToString() | Should -Be 'email: new@example.com'
        $create[0].PlanId | Should -Be 'plan-7'
        $update[0].Changes.ToString() | Should -Be 'email: ada@example.com -> ada.l@example.com; givenName: (not shown) -> (cleared)'
        @($update | Where-Object { $_.Changes.Attribute -contains 'email' }).Count | Should -Be 1
        $apply[0].PlanId | Should -Be 'plan-7'
        @($all | Where-Object Action -EQ 'Disable')[0].Changes.Count | Should -Be 0
        ($update | Format-List | Out-String) | Should -BeLike '*Changes*email: ada@example.com -> ada.l@example.com*PlanId*plan-7*'
    }

    It 'reports a missing journal as ModeScim.JournalNotFound' {
        $errors = Get-ErrorRecords { Get-ModeScimJournal -Path (New-TestJournalPath) }
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.JournalNotFound,ModeScim.PowerShell.Commands.GetModeScimJournalCommand'
    }

    It 'formats records as a table that fits 120 columns' {
        $lines = (Get-ModeScimJournal -Path $script:journal | Format-Table | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -BeLike 'Time (UTC)*Action*UserName*Detail*Reason*'
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
    }
}

Describe 'A journal folder' {
    BeforeAll {
        $script:Folder = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-folder-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $script:Folder
        function Line([string] $Time, [string] $Action, [string] $User) {
            '{"time":"' + $Time + '","action":"' + $Action + '","userId":"' + $User + '","userName":"' + $User + '@example.com","groups":[]}'
        }
        # Two agents' files whose records interleave in time, one with a line a crash cut short.
        Set-Content -LiteralPath (Join-Path $script:Folder 'modescim-20261101-AGENT1.jsonl') -Encoding utf8 -Value @(
            (Line '2026-11-01T02:00:00Z' 'Disable' 'u1'), (Line '2026-11-03T02:00:00Z' 'Disable' 'u3'), '{"time":"2026-11-0')
        Set-Content -LiteralPath (Join-Path $script:Folder 'modescim-20261102-AGENT2.jsonl') -Encoding utf8 -Value @(
            (Line '2026-11-02T02:00:00Z' 'Disable' 'u2'), (Line '2026-11-04T02:00:00Z' 'Enable' 'u1'))
        Set-Content -LiteralPath (Join-Path $script:Folder 'notes.txt') -Value 'not a journal'
    }
    AfterAll {
        Remove-Item -LiteralPath $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'keeps records before -Before and at or after -After, with records on both sides of each bound' {
        $bound = [DateTime]::Parse('2026-11-02T12:00:00Z').ToUniversalTime()
        $before = @(Get-ModeScimJournal -Path $script:Folder -Before $bound -WarningAction SilentlyContinue)
        $after = @(Get-ModeScimJournal -Path $script:Folder -After $bound -WarningAction SilentlyContinue)

        $before.UserId | Should -Be @('u1', 'u2')
        $after.UserId | Should -Be @('u3', 'u1')
        @(Get-ModeScimJournal -Path $script:Folder -Before ([DateTime]::Parse('2026-11-02T02:00:00Z').ToUniversalTime()) -WarningAction SilentlyContinue).UserId |
            Should -Be @('u1') -Because '-Before is exclusive: a record at the bound is left out'
    }

    It 'reads every *.jsonl in it as one journal, in time order, and says which file a broken line is in' {
        $warnings = @()
        $records = @(Get-ModeScimJournal -Path $script:Folder -WarningVariable warnings -WarningAction SilentlyContinue)

        $records.UserId | Should -Be @('u1', 'u2', 'u3', 'u1')
        $records.Action | Should -Be @('Disable', 'Disable', 'Disable', 'Enable')
        $records[1].Path | Should -BeLike '*AGENT2.jsonl'
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike '*line 3 of *AGENT1.jsonl*'
    }

    It 'writes into a new file of its own in the folder, named for the day and the machine' {
        $null = New-EmulatorUser -Emulator $script:Emulator -UserName 'folder@example.com'
        $record = Disable-ModeUser 'folder@example.com' -JournalPath ($script:Folder + [System.IO.Path]::DirectorySeparatorChar) -PassThru

        $record.Path | Should -BeLike ('*modescim-' + [DateTime]::UtcNow.ToString('yyyyMMdd') + '-*.jsonl')
        Split-Path $record.Path | Should -Be $script:Folder
        @(Get-ModeScimJournal -Path $script:Folder -WarningAction SilentlyContinue).Count | Should -Be 5
    }
}
