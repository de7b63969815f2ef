# What the user typed is what is meant (issue 20, part 4): a numeric date that reads two ways is refused, an email
# that names no one is no new guest unless asked, a control character in a name, title or path is refused; each
# before anything is sent. Against a real sandbox process this file owns.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 10
    $script:org = $sb.OrganizationId
    $script:s = Connect-TallyfySandbox $sb
    $script:audit = Get-TallyfyTemplate -Name 'Quarterly audit'
    function script:StoredRun([string] $Id) { Invoke-TallyfySandboxControl $sb GET "state/runs/$Id" }
    function script:FieldId([object] $Template, [string] $Label) { ($Template.KickoffFields | Where-Object Label -eq $Label).Id }
    # A stored date field's value (JSON may have made it a [datetime]) as 'yyyy-MM-dd HH:mm' in UTC.
    function script:Stamp($Value) {
        $utc = if ($Value -is [datetime]) { $Value.ToUniversalTime() } else { ([datetimeoffset]::Parse($Value, [cultureinfo]::InvariantCulture)).UtcDateTime }
        $utc.ToString('yyyy-MM-dd HH:mm', [cultureinfo]::InvariantCulture)
    }

    # A child pwsh in a culture, signed in to this sandbox, that runs $Script and writes each line it outputs.
    function script:InCulture([string] $Culture, [string] $Script) {
        $child = Invoke-ChildPwsh -NonInteractive -Script @"
`$ErrorActionPreference = 'Stop'
[cultureinfo]::CurrentCulture = '$Culture'
Import-Module '$ModuleUnderTest'
`$null = Connect-Tallyfy -BaseUri '$($sb.ApiUri)' -OrganizationId '$org' -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force)
$Script
"@
        $child.Error | Should -BeNullOrEmpty
        $child.Output
    }
}

AfterAll {
    if ($script:sb) { Stop-TallyfySandbox $sb }
}

Describe 'Dates as the user typed them' {
    It 'refuses a launch row whose date reads two ways in en-GB, naming both readings and the ISO forms; nothing is sent' {
        $seq = LastSeq
        $out = InCulture 'en-GB' @"
`$row = [pscustomobject]@{ Name = 'Ambiguous audit'; 'Requested by' = 'Dana'; Department = 'Finance'; 'Audit period end' = '03/04/2026' }
`$r = @(`$row | Start-TallyfyRun -TemplateId '$($audit.Id)' -ErrorVariable errs -ErrorAction SilentlyContinue)
"COUNT `$(`$r.Count) `$(`$r.Status)"
"ID `$(`$errs[0].FullyQualifiedErrorId)"
"MSG `$(`$errs[0].ErrorDetails.Message)"
"@
        $out | Should -Match 'COUNT 1 Refused'                               # the row's result says Refused, beside its error
        $out | Should -Match 'ID InvalidFieldValue,'
        $out | Should -Match "Audit period end"
        $out | Should -Match "'03/04/2026' could be 3 April 2026 or 4 March 2026: write 2026-04-03 or 2026-03-04"
        Mutations $seq | Should -BeNullOrEmpty
    }

    It 'launches rows with unambiguous dates in en-GB as written, and keeps the calendar date of a date with an offset' {
        $out = InCulture 'en-GB' @"
`$rows = @(
    [pscustomobject]@{ Name = 'Audit 31/12'; 'Requested by' = 'Dana'; Department = 'Finance'; 'Audit period end' = '31/12/2026' }
    [pscustomobject]@{ Name = 'Audit 03/03'; 'Requested by' = 'Dana'; Department = 'Finance'; 'Audit period end' = '03/03/2026' }
    [pscustomobject]@{ Name = 'Audit named'; 'Requested by' = 'Dana'; Department = 'Finance'; 'Audit period end' = '3 April 2026' }
    [pscustomobject]@{ Name = 'Audit offset'; 'Requested by' = 'Dana'; Department = 'Finance'; 'Audit period end' = '2026-12-31T23:30:00-11:00' }
)
`$rows | Start-TallyfyRun -TemplateId '$($audit.Id)' | ForEach-Object { "RUN `$(`$_.Name)=`$(`$_.RunId)" }
"@
        $ids = @{}
        foreach ($line in $out -split "`r?`n" | Where-Object { $_ -like 'RUN *' }) { $n, $i = $line.Substring(4) -split '='; $ids[$n] = $i }
        $ids.Count | Should -Be 4
        $field = FieldId $audit 'Audit period end'
        Stamp (StoredRun $ids['Audit 31/12']).prerun.$field | Should -Be '2026-12-31 00:00'
        Stamp (StoredRun $ids['Audit 03/03']).prerun.$field | Should -Be '2026-03-03 00:00'
        Stamp (StoredRun $ids['Audit named']).prerun.$field | Should -Be '2026-04-03 00:00'
        Stamp (StoredRun $ids['Audit offset']).prerun.$field | Should -Be '2026-12-31 23:30'   # not 2027-01-01 10:30
    }

    It 'refuses -Deadline 03/04/2026 in en-GB with both readings, and takes 31/12/2026' {
        $seq = LastSeq
        $out = InCulture 'en-GB' @"
try { New-TallyfyTask -Title 'Ambiguous deadline' -Deadline '03/04/2026' } catch { "ID `$(`$_.FullyQualifiedErrorId)"; "MSG `$(`$_.Exception.Message)" }
"@
        $out | Should -Match 'ID ParameterArgumentTransformationError,'
        $out | Should -Match "'03/04/2026' could be 3 April 2026 or 4 March 2026: write 2026-04-03 or 2026-03-04"
        Mutations $seq | Should -BeNullOrEmpty

        $out = InCulture 'en-GB' @"
`$t = New-TallyfyTask -Title 'Clear deadline' -Deadline '31/12/2026 09:00Z' -PassThru
"DEADLINE `$(([datetimeoffset]`$t.Deadline).UtcDateTime.ToString('yyyy-MM-dd HH:mm', [cultureinfo]::InvariantCulture))"
"@
        $out | Should -Match 'DEADLINE 2026-12-31 09:00'
    }
}

Describe 'Owner emails that name no one' {
    BeforeAll {
        $script:purchase = Get-TallyfyTemplate -Name 'Purchase request'
        $script:base = @{ 'Requested by' = 'Dana'; Department = 'Sales'; Item = 'Desk'; Priority = 'Low'; 'Cost center' = 'CC-200 Sales'; 'Needed by' = '2026-12-01' }
        $script:bought = Start-TallyfyRun -TemplateId $purchase.Id -Name 'Bought' -Field $base -PassThru
        $script:oneOff = New-TallyfyTask -Title 'Owned task' -Owner 1002 -Deadline '2026-12-31T17:00:00Z' -PassThru   # a one-off task's update sends a deadline
        # The error of a call that must fail, and the mutating requests it sent (none expected).
        function script:Refused([scriptblock] $Call) {
            $seq = LastSeq
            $e = $null
            try { $null = & $Call } catch { $e = $_ }
            [pscustomobject]@{ Error = $e; Mutations = @(Mutations $seq) }
        }
    }

    It 'New-TallyfyTask refuses a typo of a member''s email with a did-you-mean, sending nothing' {
        $r = Refused { New-TallyfyTask -Title 'x' -Owner 'marco.reyez@acme.example' -ErrorAction Stop }
        $r.Error.FullyQualifiedErrorId | Should -Be 'OwnerNotFound,TallyfyPS.Cmdlets.NewTallyfyTaskCommand'
        $r.Error.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $r.Error.ErrorDetails.Message | Should -Match "'marco.reyez@acme.example': no member or guest of the organization has this email; did you mean 'marco.reyes@acme.example'\?"
        $r.Error.ErrorDetails.RecommendedAction | Should -Match '-AllowNewGuest'
        $r.Mutations | Should -BeNullOrEmpty
    }

    It 'New-TallyfyTask suggests a guest for a typo of a guest''s email' {
        $r = Refused { New-TallyfyTask -Title 'x' -Owner 'olga.petrov@contoso.exmple' -ErrorAction Stop }
        $r.Error.FullyQualifiedErrorId | Should -BeLike 'OwnerNotFound,*'
        $r.Error.ErrorDetails.Message | Should -Match "did you mean 'olga.petrov@contoso.example'\?"
        $r.Mutations | Should -BeNullOrEmpty
    }

    It 'Set-TallyfyTask refuses -AddOwner and -Owner of an email no one has, sending nothing' {
        $r = Refused { Set-TallyfyTask -Id $oneOff.Id -AddOwner 'nobody@acme.example' -Force -ErrorAction Stop }
        $r.Error.FullyQualifiedErrorId | Should -Be 'OwnerNotFound,TallyfyPS.Cmdlets.SetTallyfyTaskCommand'
        $r.Error.ErrorDetails.Message | Should -Match "-AddOwner names no one.*'nobody@acme.example': no member or guest"
        $r.Mutations | Should -BeNullOrEmpty
        $r = Refused { Set-TallyfyTask -Id $oneOff.Id -Owner 1002, 'marco.reyez@acme.example' -Force -ErrorAction Stop }
        $r.Error.ErrorDetails.Message | Should -Match "did you mean 'marco.reyes@acme.example'\?"
        $r.Mutations | Should -BeNullOrEmpty
    }

    It 'Start-TallyfyRun refuses a row whose assignees field names a typo, sending nothing for it' {
        $seq = LastSeq
        $row = [pscustomobject]($base + @{ Name = 'Typo approver'; Approvers = 'marco.reyez@acme.example' })
        $out = @($row | Start-TallyfyRun -TemplateId $purchase.Id -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Status | Should -Be 'Refused'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'OwnerNotFound,TallyfyPS.Cmdlets.StartTallyfyRunCommand'
        $errs[0].ErrorDetails.Message | Should -Match "Approvers.*did you mean 'marco.reyes@acme.example'\?.*-AllowNewGuest"
        Mutations $seq | Should -BeNullOrEmpty
    }

    It 'Set-TallyfyRun refuses an assignees field that names a typo, sending nothing' {
        $seq = LastSeq
        $out = @(Set-TallyfyRun -Id $bought.Id -Field @{ Approvers = 'nobody@acme.example' } -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Status | Should -Be 'Refused'                                   # a result for the run, and its error
        $errs[0].FullyQualifiedErrorId | Should -Be 'OwnerNotFound,TallyfyPS.Cmdlets.SetTallyfyRunCommand'
        $errs[0].ErrorDetails.Message | Should -Match "'nobody@acme.example' \(no member or guest of the organization has this email\)"
        Mutations $seq | Should -BeNullOrEmpty
    }

    It 'takes an existing guest''s email without -AllowNewGuest' {
        $t = New-TallyfyTask -Title 'For a guest' -Owner 'rita.gomez@fabrikam.example' -PassThru
        $t.Owners.Guests | Should -Be 'rita.gomez@fabrikam.example'
        $run = Start-TallyfyRun -TemplateId $purchase.Id -Name 'Guest approver' -Field ($base + @{ Approvers = 'tom.baker@contractors.example' })
        @((StoredRun $run.RunId).prerun.(FieldId $purchase 'Approvers').guests) | Should -Be 'tom.baker@contractors.example'
    }

    It 'adds a new guest with -AllowNewGuest, in every cmdlet that takes owners; the guest is then taken without it' {
        $t = New-TallyfyTask -Title 'For a new guest' -Owner 'new.one@partner.example' -AllowNewGuest -PassThru
        $t.Owners.Guests | Should -Be 'new.one@partner.example'
        @(Get-TallyfyGuest -Email 'new.one@partner.example').Count | Should -Be 1
        $again = New-TallyfyTask -Title 'For the same guest' -Owner 'new.one@partner.example' -PassThru
        $again.Owners.Guests | Should -Be 'new.one@partner.example'

        $set = Set-TallyfyTask -Id $oneOff.Id -AddOwner 'new.two@partner.example' -AllowNewGuest -Force -PassThru
        $set.Owners.Guests | Should -Contain 'new.two@partner.example'

        $run = Start-TallyfyRun -TemplateId $purchase.Id -Name 'New approver' -Field ($base + @{ Approvers = 'new.three@partner.example' }) -AllowNewGuest
        @((StoredRun $run.RunId).prerun.(FieldId $purchase 'Approvers').guests) | Should -Be 'new.three@partner.example'

        $null = Set-TallyfyRun -Id $bought.Id -Field @{ Approvers = 'new.four@partner.example' } -AllowNewGuest -Force
        @((StoredRun $bought.Id).prerun.(FieldId $purchase 'Approvers').guests) | Should -Be 'new.four@partner.example'
    }
}

Describe 'Control characters in names, titles and paths' {
    BeforeAll {
        $script:live = Get-TallyfyRun -Status active -First 1
        $script:titled = New-TallyfyTask -Title 'Titled task' -Deadline '2026-12-31T17:00:00Z' -PassThru
        function script:Refused([scriptblock] $Call) {
            $seq = LastSeq
            $e = $null
            try { $null = & $Call } catch { $e = $_ }
            [pscustomobject]@{ Error = $e; Mutations = @(Mutations $seq) }
        }
    }

    It 'refuses a NUL in New-TallyfyTask -Title with InvalidCharacter naming -Title; nothing is sent' {
        $r = Refused { New-TallyfyTask -Title "Pay`0roll" -ErrorAction Stop }
        $r.Error.FullyQualifiedErrorId | Should -Be 'InvalidCharacter,TallyfyPS.Cmdlets.NewTallyfyTaskCommand'
        $r.Error.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $r.Error.ErrorDetails.Message | Should -Match ([regex]::Escape("-Title 'Pay\0roll' holds a control character (U+0000) at position 4"))
        $r.Mutations | Should -BeNullOrEmpty
    }

    It 'refuses a tab or a line break in a title, and a NUL in a description, but keeps line breaks in a description' {
        foreach ($bad in "Tab`there", "Two`nlines", "Bell`a", "Del$([char]0x7f)", "C1$([char]0x85)") {
            $r = Refused { New-TallyfyTask -Title $bad -ErrorAction Stop }
            $r.Error.FullyQualifiedErrorId | Should -BeLike 'InvalidCharacter,*'
            $r.Mutations | Should -BeNullOrEmpty
        }
        $r = Refused { New-TallyfyTask -Title 'Fine' -Description "a`0b" -ErrorAction Stop }
        $r.Error.ErrorDetails.Message | Should -Match '^-Description '
        $r.Mutations | Should -BeNullOrEmpty
        (New-TallyfyTask -Title 'Fine' -Description "line 1`nline 2`tend").Title | Should -Be 'Fine'
    }

    It 'refuses the CSV row whose Title holds a NUL, and creates the others' {
        $seq = LastSeq
        $rows = 'A', "B`0", 'C' | ForEach-Object { [pscustomobject]@{ Title = "Row task $_" } }
        $out = @($rows | New-TallyfyTask -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Status | Should -Be 'Created', 'Refused', 'Created'          # one result per row: the refused row too
        $out.Title | Should -Be 'Row task A', "Row task B`0", 'Row task C'
        $out[1].TaskId | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidCharacter,*'
        @(Mutations $seq).Count | Should -Be 2
    }

    It 'refuses a launch row whose Name holds a NUL, naming the row; the other rows launch' {
        $seq = LastSeq
        $rows = "Good audit", "Bad`0audit" | ForEach-Object { [pscustomobject]@{ Name = $_; 'Requested by' = 'Dana'; Department = 'Finance'; 'Audit period end' = '2026-12-31' } }
        $out = @($rows | Start-TallyfyRun -TemplateId $audit.Id -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Status | Should -Be @('Launched', 'Refused')
        $out[0].Name | Should -Be 'Good audit'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidCharacter,TallyfyPS.Cmdlets.StartTallyfyRunCommand'
        $errs[0].ErrorDetails.Message | Should -Match "^Row 2's Name 'Bad\\0audit' holds a control character"
        @(Mutations $seq | Where-Object path -like '*/runs').Count | Should -Be 1
        $r = Refused { Start-TallyfyRun -TemplateId $audit.Id -Name "Line`nbreak" -Field @{ 'Requested by' = 'D'; Department = 'Finance'; 'Audit period end' = '2026-12-31' } -ErrorAction Stop }
        $r.Error.FullyQualifiedErrorId | Should -Be 'InvalidCharacter,TallyfyPS.Cmdlets.StartTallyfyRunCommand'
        $r.Mutations | Should -BeNullOrEmpty
    }

    It 'refuses a NUL in Set-TallyfyRun -Name and Set-TallyfyTask -Title; nothing is sent' {
        $r = Refused { Set-TallyfyRun -Id $live.Id -Name "x`0y" -Force -ErrorAction Stop }
        $r.Error.FullyQualifiedErrorId | Should -Be 'InvalidCharacter,TallyfyPS.Cmdlets.SetTallyfyRunCommand'
        $r.Error.ErrorDetails.Message | Should -Match '^-Name '
        $r.Mutations | Should -BeNullOrEmpty
        $r = Refused { Set-TallyfyTask -Id $titled.Id -Title "x`0y" -Force -ErrorAction Stop }
        $r.Error.FullyQualifiedErrorId | Should -Be 'InvalidCharacter,TallyfyPS.Cmdlets.SetTallyfyTaskCommand'
        $r.Mutations | Should -BeNullOrEmpty
    }

    It 'refuses a piped tag title with a NUL and creates the next; refuses a NUL in a comment''s text' {
        $seq = LastSeq
        $out = @("typed-bad`0", 'typed-good' | New-TallyfyTag -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Status | Should -Be 'Refused', 'Created'
        $out[1].Title | Should -Be 'typed-good'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidCharacter,TallyfyPS.Cmdlets.NewTallyfyTagCommand'
        @(Mutations $seq).Count | Should -Be 1
        $r = Refused { $titled | Add-TallyfyComment -Text "Looks`0fine" -ErrorAction Stop }
        $r.Error.FullyQualifiedErrorId | Should -Be 'InvalidCharacter,TallyfyPS.Cmdlets.AddTallyfyCommentCommand'
        $r.Error.ErrorDetails.Message | Should -Match '^-Text .*tabs and line breaks'
        $r.Mutations | Should -BeNullOrEmpty
    }

    It 'refuses a NUL in -BackupPath and -Path with BackupFolderUnavailable; nothing is sent' {
        $r = Refused { $live | Remove-TallyfyRun -BackupPath (Join-Path $TestDrive "a`0b") -Force -ErrorAction Stop }
        $r.Error.FullyQualifiedErrorId | Should -Be 'BackupFolderUnavailable,TallyfyPS.Cmdlets.RemoveTallyfyRunCommand'
        $r.Error.ErrorDetails.Message | Should -Match 'a\\0b.*control character \(U\+0000\)'
        $r.Mutations | Should -BeNullOrEmpty
        $r = Refused { $live | Export-TallyfyRun -Path "a`0b" -ErrorAction Stop }
        $r.Error.FullyQualifiedErrorId | Should -Be 'BackupFolderUnavailable,TallyfyPS.Cmdlets.ExportTallyfyRunCommand'
        $r.Mutations | Should -BeNullOrEmpty
        Test-Path -LiteralPath (Join-Path $TestDrive 'a') | Should -BeFalse
    }

    It 'refuses a NUL in -Journal with JournalNotWritable, and in Get-TallyfyJournal with JournalUnreadable; Import-TallyfyBackup finds no such backup' {
        $r = Refused { $live | Remove-TallyfyRun -Journal (Join-Path $TestDrive "j`0.journal") -Force -ErrorAction Stop }
        $r.Error.FullyQualifiedErrorId | Should -Be 'JournalNotWritable,TallyfyPS.Cmdlets.RemoveTallyfyRunCommand'
        $r.Error.ErrorDetails.Message | Should -Match 'j\\0\.journal.*control character'
        $r.Mutations | Should -BeNullOrEmpty
        $r = Refused { Get-TallyfyJournal -Path "j`0.journal" -ErrorAction Stop }
        $r.Error.FullyQualifiedErrorId | Should -Be 'JournalUnreadable,TallyfyPS.Cmdlets.GetTallyfyJournalCommand'
        $r = Refused { Import-TallyfyBackup -Path "b`0.json" -ErrorAction Stop }
        $r.Error.FullyQualifiedErrorId | Should -Be 'BackupNotFound,TallyfyPS.Cmdlets.ImportTallyfyBackupCommand'
    }
}
