# Start-TallyfyRun: launches from a CSV with every field type (checked in the sandbox's stored state), refusals
# before any request, -SkipExisting, lost answers, -WhatIf; against a real sandbox process this file owns.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 40
    $script:org = $sb.OrganizationId
    $script:s = Connect-TallyfySandbox $sb
    function script:Posts([long] $Seq) { @(RequestsSince $Seq | Where-Object { $_.method -eq 'POST' }) }
    function script:StoredRun([string] $Id) { Invoke-TallyfySandboxControl $sb GET "state/runs/$Id" }
    # The template's runs whose name is exactly $Name (or, with -Prefix, starts with it).
    function script:RunsNamed([string] $Template, [string] $Name, [switch] $Prefix) {
        @((Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/runs?checklist_id=$Template&per_page=100&q=$([uri]::EscapeDataString($Name))").Body.data |
            Where-Object { if ($Prefix) { $_.name.StartsWith($Name) } else { $_.name -ceq $Name } })
    }

    $script:purchase = Get-TallyfyTemplate -Name 'Purchase request'
    $script:audit = Get-TallyfyTemplate -Name 'Quarterly audit'
    function script:FieldId([object] $Template, [string] $Label) { ($Template.KickoffFields | Where-Object Label -eq $Label).Id }
    function script:Option([object] $Template, [string] $Label, [int] $Index) { ($Template.KickoffFields | Where-Object Label -eq $Label).Options[$Index] }

    # 200 rows with a value for every field type of 'Purchase request', varied per row, written and read as a CSV.
    $script:csv = Join-Path $TestDrive 'launches.csv'
    $script:rows = 1..200 | ForEach-Object {
        $i = $_
        [pscustomobject][ordered]@{
            Name               = "Purchase $i"
            'Requested by'     = "Requester $i"
            Item               = "Item $i"
            Justification      = "Because $i"
            Priority           = @('low', 'Normal', 'HIGH')[$i % 3]
            'Cost center'      = (Option $purchase 'Cost center' ($i % 3)).Text
            Department         = (Option $purchase 'Department' ($i % 3)).Text
            'Approvals needed' = @('Manager', 'Manager; Legal', 'Finance,Legal')[$i % 3]
            'Needed by'        = (Get-Date '2026-12-01').AddDays($i).ToString('yyyy-MM-dd')
            'Supplier email'   = "supplier$i@vendor.example"
            Quote              = "https://files.example/quotes/q$i.pdf"
            'Line items'       = "Item $i; $i; $($i * 10)"
            Approvers          = @('marco.reyes@acme.example; Finance team', 'olga.petrov@contoso.example', '1003')[$i % 3]
            'Budget (USD)'     = $(if ($i % 2) { '' } else { "$($i * 100)" })   # an empty cell of an optional field: not given
        }
    }
    $rows | Export-Csv $csv -NoTypeInformation
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Launching 200 runs from a CSV with every field type' {
    BeforeAll {
        $script:seq = LastSeq
        $script:runs = @(Import-Csv $csv | Start-TallyfyRun -TemplateId $purchase.Id -ErrorVariable launchErrors -ErrorAction SilentlyContinue)
        $script:log = @(RequestsSince $seq)
    }

    It 'launches one run per row, in input order, with no error, and writes a result per row' {
        $launchErrors.Count | Should -Be 0
        $runs.Count | Should -Be 200
        $runs.Name | Should -Be $rows.Name
        $runs.Row | Should -Be (1..200)
        $runs | ForEach-Object {
            $_ | Should -BeOfType ([TallyfyPS.Model.TallyfyLaunchResult]); $_.Status | Should -Be 'Launched'; $_.TemplateId | Should -Be $purchase.Id
            $_.Run.BlueprintId | Should -Be $purchase.Id; $_.Run.Id | Should -Be $_.RunId; $_.PerformedBy | Should -Not -BeNullOrEmpty; $_.Attempts | Should -BeGreaterThan 0
        }
        @($runs.RunId | Sort-Object -Unique).Count | Should -Be 200
    }

    It 'reads the template once for the whole call and sends one launch per row' {
        @($log | Where-Object { $_.method -eq 'GET' -and $_.path -like "*/checklists/$($purchase.Id)" }).Count | Should -Be 1
        @($log | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/runs' }).Count | Should -Be 200
    }

    It 'stores each value in the shape of its field type' {
        $users = @{ 0 = @(1002); 1 = @(); 2 = @(1003) }
        foreach ($n in 0..199) {
            $i = $n + 1
            $p = (StoredRun $runs[$n].RunId).prerun
            $p.(FieldId $purchase 'Requested by') | Should -Be "Requester $i"
            $p.(FieldId $purchase 'Item') | Should -Be "Item $i"
            $p.(FieldId $purchase 'Justification') | Should -Be "Because $i"
            $p.(FieldId $purchase 'Priority') | Should -Be @('Low', 'Normal', 'High')[$i % 3]                 # radio: the option's text
            $cc = $p.(FieldId $purchase 'Cost center')                                                       # dropdown: {id, text}
            $cc.id | Should -Be (Option $purchase 'Cost center' ($i % 3)).Id
            $cc.text | Should -Be (Option $purchase 'Cost center' ($i % 3)).Text
            $multi = @($p.(FieldId $purchase 'Approvals needed'))                                            # multiselect: the chosen options
            $multi.text | Should -Be @(@('Manager'), @('Manager', 'Legal'), @('Finance', 'Legal'))[$i % 3]
            $multi.selected | Sort-Object -Unique | Should -Be $true
            $multi[0].id | Should -BeOfType ([long])
            ([datetime]$p.(FieldId $purchase 'Needed by')).ToUniversalTime() | Should -Be ([datetime]::SpecifyKind((Get-Date '2026-12-01').AddDays($i), 'Utc'))   # date: ISO 8601
            $p.(FieldId $purchase 'Supplier email') | Should -Be "supplier$i@vendor.example"
            $file = @($p.(FieldId $purchase 'Quote'))                                                        # file: {filename, url, source}
            $file.url | Should -Be "https://files.example/quotes/q$i.pdf"
            $file.filename | Should -Be "q$i.pdf"
            $file.source | Should -Be 'url'
            @($p.(FieldId $purchase 'Line items')) | Should -Be @("Item $i", "$i", "$($i * 10)")             # table: one entry per column
            $a = $p.(FieldId $purchase 'Approvers')                                                          # assignees: all three buckets
            @($a.users) | Should -Be $users[$i % 3]
            @($a.guests) | Should -Be @(@(), @('olga.petrov@contoso.example'), @())[$i % 3]
            @($a.groups) | Should -Be @(@('9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01'), @(), @())[$i % 3]
            $budget = $p.(FieldId $purchase 'Budget (USD)')
            if ($i % 2) { $budget | Should -BeNullOrEmpty } else { $budget | Should -Be "$($i * 100)" }
        }
    }

    It 'with -SkipExisting launches nothing the second time, lists the runs once, and writes each existing run as Existing' {
        $seq2 = LastSeq
        $again = @(Import-Csv $csv | Start-TallyfyRun -TemplateId $purchase.Id -SkipExisting -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 0
        $again.RunId | Should -Be $runs.RunId
        $again.Status | Sort-Object -Unique | Should -Be 'Existing'
        $again.Row | Should -Be (1..200)
        $again[0].Message | Should -Match 'nothing was launched'
        $again[0].Run.Name | Should -Be $rows[0].Name
        $log2 = @(RequestsSince $seq2)
        @($log2 | Where-Object method -ne 'GET') | Should -BeNullOrEmpty
        # One listing of the template's live runs (two pages of 100), not a search per row.
        @($log2 | Where-Object { $_.path -like '*/runs' }).Count | Should -Be 2
        (Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/runs?checklist_id=$($purchase.Id)").Body.meta.pagination.total | Should -Be 200
    }
}

Describe 'Refusals before any request' {
    It 'refuses unknown and misspelled field names, naming the nearest label, and sends no launch' {
        $seq = LastSeq
        $bad = @(
            [pscustomobject]@{ Name = 'Bad 1'; 'Requested by' = 'Dana'; Department = 'Finance'; 'Audit period end' = '2026-12-31'; 'Auditer email' = 'a@b.example' }
            [pscustomobject]@{ Name = 'Bad 2'; 'Requested by' = 'Dana'; Department = 'Finance'; 'Audit period end' = '2026-12-31'; Colour = 'red' }
        )
        $out = @($bad | Start-TallyfyRun -TemplateId $audit.Id -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Status | Should -Be @('Refused', 'Refused')                    # each refused row is a result too, with its error
        $out.Row | Should -Be @(1, 2)
        $out.Name | Should -Be @('Bad 1', 'Bad 2')
        $out.RunId | Should -Be @('', '')
        $out[1].Attempts | Should -Be 0                                     # (row 1 counts the read of the template)
        $out[0].Message | Should -Match "'Auditer email' is not a kick-off field"
        $errs.Count | Should -Be 2
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'FieldNotFound,*'; $_.CategoryInfo.Category | Should -Be 'InvalidArgument' }
        $errs[0].ErrorDetails.Message | Should -Match "^Row 1 \('Bad 1'\): 'Auditer email' is not a kick-off field .*did you mean 'Auditor email'"
        $errs[1].ErrorDetails.Message | Should -Match "^Row 2 \('Bad 2'\): 'Colour' is not a kick-off field"
        $errs[0].ErrorDetails.Message | Should -Match 'Nothing was sent'
        $errs[0].TargetObject.Name | Should -Be 'Bad 1'
        Posts $seq | Should -BeNullOrEmpty
        @(RunsNamed $audit.Id 'Bad ' -Prefix) | Should -BeNullOrEmpty
    }

    It 'refuses an option that does not exist and a missing required field, and launches the good rows in between' {
        $seq = LastSeq
        $mixed = @(
            [pscustomobject]@{ Name = 'Mixed 1'; 'Requested by' = 'Dana'; Department = 'Marketing'; 'Audit period end' = '2026-12-31' }
            [pscustomobject]@{ Name = 'Mixed 2'; 'Requested by' = 'Dana'; Department = 'Finance'; 'Audit period end' = '2026-12-31' }
            [pscustomobject]@{ Name = 'Mixed 3'; 'Requested by' = ''; Department = 'Treasury'; 'Audit period end' = '2026-12-31' }
            [pscustomobject]@{ Name = 'Mixed 4'; 'Requested by' = 'Dana'; Department = 'Payroll'; 'Audit period end' = 'someday' }
        )
        $out = @($mixed | Start-TallyfyRun -TemplateId $audit.Id -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Status | Should -Be @('Refused', 'Launched', 'Refused', 'Refused')
        ($out | Where-Object Status -eq 'Launched').Name | Should -Be 'Mixed 2'
        $errs.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be @('InvalidFieldValue', 'RequiredFieldMissing', 'InvalidFieldValue')
        $errs[0].ErrorDetails.Message | Should -Match "no option 'Marketing' \(its options are 'Finance', 'Treasury', 'Payroll'\)"
        $errs[1].ErrorDetails.Message | Should -Match "'Requested by' \(text\) is required"
        $errs[2].ErrorDetails.Message | Should -Match "takes a date"
        @(Posts $seq).Count | Should -Be 1
    }

    It 'refuses a launch without a template, from an archived template, or from a run' {
        $seq = LastSeq
        { Start-TallyfyRun -Name 'x' -ErrorAction Stop } | Should -Throw -ErrorId 'TemplateRequired,TallyfyPS.Cmdlets.StartTallyfyRunCommand'
        $office = Get-TallyfyTemplate -ArchivedOnly | Where-Object Title -eq 'Office move'
        { $office | Start-TallyfyRun -Name 'Move' -Field @{ 'Move date' = '2026-12-01' } -ErrorAction Stop } | Should -Throw -ErrorId 'TemplateArchived,TallyfyPS.Cmdlets.StartTallyfyRunCommand'
        { Get-TallyfyRun -First 1 | Start-TallyfyRun -ErrorAction Stop } | Should -Throw -ErrorId 'TemplateRequired,TallyfyPS.Cmdlets.StartTallyfyRunCommand'
        { Start-TallyfyRun -TemplateId 'abc' -Name 'x' } | Should -Throw -ErrorId 'InvalidBlueprintId,TallyfyPS.Cmdlets.StartTallyfyRunCommand'
        # -TemplateId takes a template's exact name too (issue 21): a word that is not hexadecimal is looked up as one.
        { Start-TallyfyRun -TemplateId 'nope' -Name 'x' } | Should -Throw -ErrorId 'TemplateNotFound,TallyfyPS.Cmdlets.StartTallyfyRunCommand'
        { Start-TallyfyRun -TemplateId $audit.Id -Name 'x' -Tag 'no-such-tag' } | Should -Throw -ErrorId 'TagNotFound,TallyfyPS.Cmdlets.StartTallyfyRunCommand'
        { Start-TallyfyRun -TemplateId $audit.Id -Name 'x' -Owner 'nobody@nowhere.example' } | Should -Throw -ErrorId 'OwnerNotFound,TallyfyPS.Cmdlets.StartTallyfyRunCommand'
        { Start-TallyfyRun -TemplateId $audit.Id -Name 'x' -Owner 99999 } | Should -Throw -ErrorId 'OwnerNotFound,TallyfyPS.Cmdlets.StartTallyfyRunCommand'
        Posts $seq | Should -BeNullOrEmpty
    }

    It 'refuses, with -SkipExisting, a second row of the same name in one call' {
        $two = 1..2 | ForEach-Object { [pscustomobject]@{ Name = 'Twice'; 'Requested by' = 'Dana'; Department = 'Finance'; 'Audit period end' = '2026-12-31' } }
        $out = @($two | Start-TallyfyRun -TemplateId $audit.Id -SkipExisting -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Status | Should -Be @('Launched', 'Refused')
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RunNameRepeated,*'
        $errs[0].ErrorDetails.Message | Should -Match 'row 1 of this call'
        @(RunsNamed $audit.Id 'Twice').Count | Should -Be 1
    }
}

Describe 'Launch details' {
    It 'takes a template from the pipeline without reading it again, with -Owner by email, -Tag by title and -Summary' {
        $seq = LastSeq
        $run = $audit | Start-TallyfyRun -Name 'Piped audit' -Owner 'marco.reyes@acme.example' -Tag 'urgent', 'finance' -Summary 'From the pipeline' -Field @{
            'requested by' = 'Dana'; Department = 'finance'; 'Audit period end' = [datetime]'2026-12-31'; 'Scope notes' = 'line 1', 'line 2'
        }
        $run.Status | Should -Be 'Launched'
        $run.Run.Tags.Title | Sort-Object | Should -Be @('finance', 'urgent')     # the tags applied, though Tallyfy's answer leaves them out
        $stored = StoredRun $run.RunId
        $stored.ownerId | Should -Be 1002
        $stored.summary | Should -Be 'From the pipeline'
        $stored.tags.title | Sort-Object | Should -Be @('finance', 'urgent')
        $stored.prerun.(FieldId $audit 'Scope notes') | Should -Be "line 1`nline 2"
        $stored.prerun.(FieldId $audit 'Department').text | Should -Be 'Finance'
        @(RequestsSince $seq | Where-Object { $_.path -like "*/checklists/$($audit.Id)" }) | Should -BeNullOrEmpty
    }

    It 'launches the same name twice without -SkipExisting (there is no idempotency key)' {
        1..2 | ForEach-Object { $null = Start-TallyfyRun -TemplateId $audit.Id -Name 'Same name' -Field @{ 'Requested by' = 'D'; Department = 'Payroll'; 'Audit period end' = '2026-12-31' } }
        @(RunsNamed $audit.Id 'Same name').Count | Should -Be 2
    }

    It 'sends no launch under -WhatIf, but still checks the rows' {
        $seq = LastSeq
        $out = @($rows | Select-Object -First 3 | Start-TallyfyRun -TemplateId $purchase.Id -WhatIf)
        $out | Should -BeNullOrEmpty
        @(RequestsSince $seq | Where-Object method -ne 'GET') | Should -BeNullOrEmpty
    }
}

Describe 'Launch results are an audit' {
    It 'exports one row per input to CSV: launched, existing (-SkipExisting) and refused, each with Row, Status, PerformedBy, Message and Attempts' {
        $base = @{ 'Requested by' = 'Dana'; Department = 'Finance'; 'Audit period end' = '2026-12-31' }
        $null = Start-TallyfyRun -TemplateId $audit.Id -Name 'Audit kept' -Field $base
        $in = Join-Path $TestDrive 'launches.csv'
        @(
            [pscustomobject]@{ Name = 'Audit kept'; 'Requested by' = 'Dana'; Department = 'Finance'; 'Audit period end' = '2026-12-31' }
            [pscustomobject]@{ Name = 'Audit refused'; 'Requested by' = 'Dana'; Department = 'Marketing'; 'Audit period end' = '2026-12-31' }
            [pscustomobject]@{ Name = 'Audit new'; 'Requested by' = 'Dana'; Department = 'Payroll'; 'Audit period end' = '2026-12-31' }
        ) | Export-Csv $in -NoTypeInformation
        $out = Join-Path $TestDrive 'launched.csv'
        Import-Csv $in | Start-TallyfyRun -TemplateId $audit.Id -SkipExisting -ErrorVariable errs -ErrorAction SilentlyContinue | Export-Csv $out -NoTypeInformation
        $errs.Count | Should -Be 1
        $csv = @(Import-Csv $out)
        $csv.Count | Should -Be 3
        foreach ($column in 'Row', 'Name', 'TemplateId', 'RunId', 'Status', 'PerformedBy', 'Message', 'Attempts', 'CompletedAt') {
            $csv[0].PSObject.Properties.Name | Should -Contain $column
        }
        $csv[0].PSObject.Properties.Name | Should -Not -Contain 'RunJson'
        $csv.Row | Should -Be @('1', '2', '3')
        $csv.Status | Should -Be @('Existing', 'Refused', 'Launched')
        $csv.Name | Should -Be @('Audit kept', 'Audit refused', 'Audit new')
        $csv[0].RunId | Should -Be @(RunsNamed $audit.Id 'Audit kept').Id
        $csv[2].RunId | Should -Be @(RunsNamed $audit.Id 'Audit new').Id
        $csv[1].RunId | Should -BeNullOrEmpty
        $csv[1].Message | Should -Match "no option 'Marketing'"
        $csv.PerformedBy | Sort-Object -Unique | Should -Be (Get-TallyfyContext).User.Email
        $csv | ForEach-Object { [int]$_.Attempts | Should -BeGreaterOrEqual 0 }
        [int]$csv[2].Attempts | Should -BeGreaterOrEqual 1
    }

    It '-PassThru writes the runs themselves (launched or kept), with the tags applied, and nothing for a refused row' {
        $rows2 = @(
            [pscustomobject]@{ Name = 'PassThru kept'; 'Requested by' = 'Dana'; Department = 'Finance'; 'Audit period end' = '2026-12-31' }
            [pscustomobject]@{ Name = 'PassThru refused'; 'Requested by' = 'Dana'; Department = 'Marketing'; 'Audit period end' = '2026-12-31' }
        )
        $first = @($rows2[0] | Start-TallyfyRun -TemplateId $audit.Id -Tag 'finance', 'urgent' -PassThru)
        $first.Count | Should -Be 1
        $first[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyRun])
        $first[0].Tags.Title | Sort-Object | Should -Be @('finance', 'urgent')
        $out = @($rows2 | Start-TallyfyRun -TemplateId $audit.Id -SkipExisting -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 1
        $out[0] | Should -BeOfType ([TallyfyPS.Model.TallyfyRun])
        $out[0].Id | Should -Be $first[0].Id
        $errs.Count | Should -Be 1
    }
}

Describe 'Lost answers' {
    AfterEach { Set-TallyfySandboxFault $sb @{} }

    It 'finds the run of a launch whose answer was lost, and does not launch it again' {
        $s2 = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) -MaxRetries 6 -PassThru
        $seq = LastSeq
        Set-TallyfySandboxFault $sb @{ resetAfterRate = 1.0; methods = @('POST') }
        $names = 1..5 | ForEach-Object { "Lost answer $_" }
        $out = @($names | ForEach-Object { [pscustomobject]@{ Name = $_; 'Requested by' = 'D'; Department = 'Treasury'; 'Audit period end' = '2026-12-31' } } |
            Start-TallyfyRun -Session $s2 -TemplateId $audit.Id -ErrorVariable errs -ErrorAction SilentlyContinue)
        Set-TallyfySandboxFault $sb @{}
        $errs.Count | Should -Be 0
        $out.Name | Should -Be $names
        @(Posts $seq).Count | Should -Be 5                                # each launch sent once
        @(RequestsSince $seq | Where-Object fault -eq 'reset-after').Count | Should -Be 5
        foreach ($n in $names) { @(RunsNamed $audit.Id $n).Id | Should -Be ($out | Where-Object Name -eq $n).RunId }
    }

    It 'sends a launch again when a search shows it was not applied' {
        # Each round is a search and a new launch, two of -MaxRetries: ten rounds leave a failure a chance of 0.3^10 per run.
        $s2 = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $org -AccessToken (New-SandboxToken) -MaxRetries 20 -PassThru
        $seq = LastSeq
        Set-TallyfySandboxFault $sb @{ resetBeforeRate = 0.2; errorRate = 0.1; errorStatuses = @(503); methods = @('POST'); seed = 11 }
        $names = 1..10 | ForEach-Object { "Retried $_" }
        $out = @($names | ForEach-Object { [pscustomobject]@{ Name = $_; 'Requested by' = 'D'; Department = 'Treasury'; 'Audit period end' = '2026-12-31' } } |
            Start-TallyfyRun -Session $s2 -TemplateId $audit.Id -ErrorVariable errs -ErrorAction SilentlyContinue)
        Set-TallyfySandboxFault $sb @{}
        $errs | ForEach-Object { "$($_.FullyQualifiedErrorId): $($_.ErrorDetails.Message)" } | Should -BeNullOrEmpty
        $out.Name | Should -Be $names
        @(RequestsSince $seq | Where-Object { $_.fault -in 'reset-before', 'error' }).Count | Should -BeGreaterThan 0
        foreach ($n in $names) { @(RunsNamed $audit.Id $n).Count | Should -Be 1 }
    }
}
