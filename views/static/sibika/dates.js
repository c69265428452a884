/* Date fields: FAB 5.3.0 wraps each date input in data-provide="datepicker",
 * which starts a second picker in the default mm/dd/yyyy format that erases a
 * typed ISO date on blur. Re-start one picker per field, keep what is typed,
 * accept the Indonesian habit dd/mm/yyyy (or dd-mm-yyyy, dd.mm.yyyy) and show
 * Indonesian month and day names when the page is in Indonesian. */
(function ($) {
    "use strict";
    $.fn.datepicker.dates.id = {
        days: ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
        daysShort: ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
        daysMin: ["Mg", "Sn", "Sl", "Rb", "Km", "Jm", "Sb"],
        months: ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                 "Oktober", "November", "Desember"],
        monthsShort: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
        today: "Hari ini",
        clear: "Kosongkan",
        weekStart: 1
    };
    var script = document.currentScript;
    var locale = (script && script.getAttribute("data-locale")) || "id";

    function normalise(value) {
        var m = /^\s*(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})\s*$/.exec(value);
        if (!m) { return value; }
        return m[3] + "-" + ("0" + m[2]).slice(-2) + "-" + ("0" + m[1]).slice(-2);
    }

    $(function () {
        $(".appbuilder_date").each(function () {
            var $group = $(this);
            var $input = $group.find("input");
            $group.datepicker("destroy").removeAttr("data-provide");
            $group.datepicker({
                format: "yyyy-mm-dd", forceParse: false, autoclose: true, todayHighlight: true,
                language: locale === "id" ? "id" : "en"
            });
            $input.attr({placeholder: locale === "id" ? "tttt-bb-hh" : "yyyy-mm-dd", autocomplete: "off"});
            $input.on("change blur", function () {
                var fixed = normalise(this.value);
                if (fixed !== this.value) { this.value = fixed; $group.datepicker("update", fixed); }
            });
        });
        $("form").on("submit", function () {
            $(this).find(".appbuilder_date input").each(function () { this.value = normalise(this.value); });
        });
    });
}(jQuery));
