"""The 2021 CCHC plan of District 3 as data: clauses verbatim, targets and tasks.

Source: Kế hoạch triển khai “thực hiện thắng lợi các nhiệm vụ cải cách hành chính” năm 2021,
UBND Quận 3. Every numbered clause of sections I–V is here, with its text as written.
"""

import datetime as dt

CODE = "CCHC-2021"
YEAR = 2021
DEADLINE = dt.date(2021, 10, 25)
BASELINE_YEAR = 2020
TITLE = "Triển khai các nội dung “thực hiện thắng lợi các nhiệm vụ cải cách hành chính” năm 2021"
SIGNED_BY = "CHỦ TỊCH Võ Văn Đức"

LEGAL_BASIS = (
    "Căn cứ Quyết định số 4832/QĐ-UBND ngày 31 tháng 12 năm 2020 của Ủy ban nhân dân thành phố "
    "về việc ban hành Kế hoạch thực hiện công tác cải cách hành chính trên địa bàn Thành phố năm "
    "2021;\n\n"
    "Căn cứ nội dung cam kết quyết tâm “thực hiện thắng lợi các nhiệm vụ cải cách hành chính” năm "
    "2021 của Ủy ban nhân dân Quận 3 với lãnh đạo Thành phố tại hội nghị Tổng kết công tác cải "
    "cách hành chính vào ngày 07 tháng 5 năm 2021 với 9 nội dung cụ thể.\n\n"
    "Ủy ban nhân dân (UBND) Quận 3 ban hành Kế hoạch triển khai thực hiện các nội dung cụ thể như "
    "sau:"
)

CLOSING_TEXT = (
    "Yêu cầu Thủ trưởng các cơ quan, đơn vị thuộc quận và Chủ tịch Ủy ban nhân dân 12 phường khẩn "
    "trương, nghiêm túc triển khai thực hiện kế hoạch này, trong quá trình triển khai, nếu có vướng "
    "mắc, thông tin về Phòng Nội vụ để kịp thời phối hợp, đề xuất giải quyết và báo cáo kết quả về "
    "Ủy ban nhân dân quận (qua phòng Nội vụ) trước ngày 25 tháng 10 năm 2021."
)

DISTRICT = ("Q3", "Ủy ban nhân dân Quận 3", "http://quan3.hochiminhcity.gov.vn")

AGENCIES = [
    ("VP", "Văn phòng HĐND và UBND"),
    ("NV", "Phòng Nội vụ"),
    ("TP", "Phòng Tư pháp"),
    ("TCKH", "Phòng Tài chính – Kế hoạch"),
    ("TNMT", "Phòng Tài nguyên và Môi trường"),
    ("LDTBXH", "Phòng Lao động – Thương binh và Xã hội"),
    ("VHTT", "Phòng Văn hóa và Thông tin"),
    ("GDDT", "Phòng Giáo dục và Đào tạo"),
    ("YT", "Phòng Y tế"),
    ("TTR", "Thanh tra quận"),
    ("KT", "Phòng Kinh tế"),
    ("QLDT", "Phòng Quản lý đô thị"),
]

WARDS = [
    ("P-VTS", "Phường Võ Thị Sáu"),
    ("P01", "Phường 1"),
    ("P02", "Phường 2"),
    ("P03", "Phường 3"),
    ("P04", "Phường 4"),
    ("P05", "Phường 5"),
    ("P09", "Phường 9"),
    ("P10", "Phường 10"),
    ("P11", "Phường 11"),
    ("P12", "Phường 12"),
    ("P13", "Phường 13"),
    ("P14", "Phường 14"),
]

# (code, name, own on-time threshold)
FIELDS = [
    ("land", "Đất đai", 96),
    ("construction", "Xây dựng", None),
    ("civil-status", "Hộ tịch", None),
    ("certification", "Chứng thực", None),
    ("business", "Đăng ký kinh doanh", None),
    ("labour", "Lao động – Thương binh và Xã hội", None),
    ("culture", "Văn hóa", None),
    ("education", "Giáo dục và Đào tạo", None),
    ("health", "Y tế", None),
    ("other", "Lĩnh vực khác", None),
]

# (label, heading, text) in reading order; the parent of a label is its longest proper prefix.
CLAUSES = [
    ("I", "MỤC TIÊU", ""),
    ("I.1", "Mục tiêu chung", ""),
    (
        "I.1.1",
        "",
        "Hoàn thành 100% nhiệm vụ được Ủy ban nhân dân quận giao trong kế hoạch cải cách hành "
        "chính năm 2021.",
    ),
    (
        "I.1.2",
        "",
        "Khắc phục những khó khăn, vướng mắc; tạo sự chuyển biến mạnh mẽ trong công tác CCHC, nâng "
        "cao trách nhiệm phục vụ người dân, doanh nghiệp trong và sau dịch COVID-19.",
    ),
    (
        "I.1.3",
        "",
        "Phấn đấu có mô hình, giải pháp, sáng kiến trong công tác CCHC được trao giải của “Giải "
        "thưởng Sáng tạo Thành phố năm 2021”.",
    ),
    ("I.2", "Chỉ tiêu cụ thể", ""),
    (
        "I.2.1",
        "Về kiểm tra CCHC; kiểm tra công vụ, việc thực hiện quy tắc ứng xử",
        "",
    ),
    (
        "I.2.1a",
        "",
        "a) Kiểm tra định kỳ và đột xuất về CCHC: tối thiểu 30% cơ quan chuyên môn quận và 30% Ủy "
        "ban nhân dân phường.",
    ),
    (
        "I.2.1b",
        "",
        "b) Kiểm tra đột xuất về công vụ, việc thực hiện quy tắc ứng xử: tối thiểu 05 đơn vị/quý.",
    ),
    ("I.2.2", "Về mức độ hài lòng của người dân và tổ chức", ""),
    ("I.2.2a", "", "a) Tỷ lệ hài lòng chung: từ 91% trở lên."),
    (
        "I.2.2b",
        "",
        "b) Tỷ lệ hài lòng đối với sự phục vụ của cơ quan hành chính trên từng lĩnh vực TTHC: từ "
        "91% trở lên.",
    ),
    (
        "I.2.2c",
        "",
        "c) 100% các cơ quan, đơn vị công khai và cập nhật kịp thời tỷ lệ đánh giá hài lòng trên "
        "Trang thông tin điện tử của đơn vị mình.",
    ),
    (
        "I.2.3",
        "Về giải quyết hồ sơ TTHC",
        "Tỷ lệ giải quyết hồ sơ TTHC đúng hạn: từ 98% trở lên (riêng đối với lĩnh vực đất đai đạt "
        "từ 96% trở lên).",
    ),
    (
        "I.2.4",
        "Về xử lý kiến nghị, phản ánh của người dân",
        "100% phản ánh, kiến nghị của người dân, doanh nghiệp thông qua Công dịch vụ công Quốc "
        "gia, Công thông tin 1022 và các hình thức khác phải được người đứng đầu cơ quan, đơn vị xử "
        "lý kịp thời và công khai kết quả theo quy định.",
    ),
    (
        "I.2.5",
        "Về thực hiện công tác tuyên truyền, truyền thông về CCHC, cải cách TTHC",
        "Mỗi cơ quan có ít nhất 01 sản phẩm, mô hình tuyên truyền hiệu quả về công tác CCHC, cải "
        "cách TTHC của các cơ quan, đơn vị.",
    ),
    ("II", "NỘI DUNG THỰC HIỆN", ""),
    (
        "II.1",
        "",
        "Quán triệt chủ đề cải cách hành chính trọng tâm của năm 2021 là Năm xây dựng chính quyền "
        "đô thị, cải thiện môi trường đầu tư và đẩy mạnh cải cách hành chính đến cán bộ, công "
        "chức, viên chức, người lao động, nhân dân tại cơ quan, địa phương, hoàn thành 100% nhiệm "
        "vụ được Ủy ban nhân dân quận giao trong kế hoạch cải cách hành chính năm 2021 trước ngày "
        "25 tháng 10 năm 2021.",
    ),
    (
        "II.2",
        "",
        "Tăng cường kiểm tra cải cách hành chính và kiểm tra công vụ đối với cán bộ, công chức, "
        "viên chức, người lao động tại đơn vị nhằm:\n"
        "- Kịp thời phát hiện những khó khăn để có hướng tháo gỡ, khắc phục hoặc phát hiện vi phạm "
        "để chấn chỉnh, xử lý.\n"
        "- Nâng cao tinh thần trách nhiệm, tạo chuyển biến về kỷ luật, kỷ cương hành chính của "
        "đội ngũ cán bộ, công chức, viên chức trong thực thi công vụ.",
    ),
    (
        "II.3",
        "",
        "Chủ động rà soát, đề xuất sắp xếp, kiện toàn, tinh gọn tổ chức bộ máy trong nội bộ từng "
        "đơn vị phù hợp với đặc điểm của quận, phường và các đơn vị thực hiện chính quyền đô thị. "
        "Thực hiện hiệu quả, công bằng và công khai các quy định về tuyển dụng, quản lý công chức, "
        "viên chức phát huy năng động, sáng tạo.",
    ),
    (
        "II.4",
        "",
        "Mức độ hài lòng của người dân và doanh nghiệp đạt từ 91% trở lên. Tỷ lệ hồ sơ được xử lý "
        "trực tuyến năm 2021 tăng 3% so với năm 2020. Ứng dụng thanh toán điện tử thay cho tiền "
        "mặt trong giải quyết thủ tục hành chính.",
    ),
    (
        "II.5",
        "",
        "Mỗi cơ quan chuyên môn quận, đơn vị sự nghiệp công lập và Ủy ban nhân dân phường có ít "
        "nhất một sáng kiến, giải pháp cải thiện hiệu quả trong hoạt động phối hợp, cũng như giải "
        "quyết hồ sơ hành chính, thực hiện dịch vụ công trực tuyến.",
    ),
    (
        "II.6",
        "",
        "Có 98% hồ sơ thủ tục hành chính trên từng lĩnh vực được giải quyết đúng hạn (riêng đối "
        "với lĩnh vực đất đai đạt từ 96% trở lên).",
    ),
    (
        "II.7",
        "",
        "100% bộ phận tiếp nhận, giải quyết thủ tục hành chính phải thực hiện khảo sát, đánh giá "
        "sự hài lòng của cá nhân, tổ chức về giải quyết thủ tục hành chính và công khai kết quả "
        "đánh giá hàng quý tại cơ quan và Trang thông tin điện tử của cơ quan, đơn vị trực thuộc, "
        "phường để cá nhân, tổ chức giám sát.",
    ),
    (
        "II.8",
        "",
        "100% phản ánh, kiến nghị của người dân, doanh nghiệp thông qua Cổng dịch vụ công Quốc "
        "gia, Cổng thông tin 1022 và các hình thức khác phải được người đứng đầu cơ quan, đơn vị "
        "xử lý kịp thời và công khai kết quả theo quy định.",
    ),
    (
        "II.9",
        "",
        "Mỗi cơ quan chuyên môn, đơn vị sự nghiệp công lập thuộc quận và Ủy ban nhân dân phường có "
        "ít nhất 01 sản phẩm, mô hình tuyên truyền hiệu quả về công tác cải cách hành chính, đồng "
        "thời xây dựng chuyên mục tuyên truyền về công tác cải cách hành chính trên trang thông "
        "tin điện tử của đơn vị.",
    ),
    (
        "II.10",
        "",
        "Tiếp tục phát huy ứng dụng công nghệ thông tin trong phục vụ người dân, tổ chức; ứng dụng "
        "sử dụng chữ ký số, chứng thực điện tử trong hoạt động nội bộ các cơ quan, đơn vị. Thực "
        "hiện đầy đủ việc chuyển đổi ứng dụng hệ thống quản lý chất lượng TCVN 9001:2015 theo yêu "
        "cầu.",
    ),
    (
        "II.11",
        "",
        "Tiếp tục triển khai thực hiện công tác xây dựng, áp dụng duy trì và cải tiến Hệ thống "
        "quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015 năm 2021 tại đơn vị.",
    ),
    (
        "III",
        "THỜI GIAN THỰC HIỆN",
        "Hoàn thành các nội dung tại kế hoạch này trước ngày 25 tháng 10 năm 2021",
    ),
    ("IV", "KINH PHÍ THỰC HIỆN", ""),
    (
        "IV.1",
        "",
        "Kinh phí thực hiện Kế hoạch cải cách hành chính năm 2021 được bố trí từ nguồn ngân sách "
        "nhà nước.",
    ),
    (
        "IV.2",
        "",
        "Các cơ quan chuyên môn thuộc quận và Ủy ban nhân dân các phường bố trí kinh phí thực hiện "
        "các nhiệm vụ của Kế hoạch trong dự toán ngân sách hàng năm được cấp có thẩm quyền giao.",
    ),
    ("V", "TỔ CHỨC THỰC HIỆN", ""),
    (
        "V.1",
        "",
        "Thủ trưởng các cơ quan chuyên môn, các đơn vị sự nghiệp thuộc quận và Chủ tịch Ủy ban "
        "nhân dân 12 phường triển khai thực hiện các nội dung tại Mục II của kế hoạch này.",
    ),
    ("V.2", "Giao Trưởng Phòng Nội vụ Quận 3", ""),
    (
        "V.2.1",
        "",
        "Tăng cường tổ chức kiểm tra định kỳ tối thiểu 30% cơ quan chuyên môn quận, đơn vị sự "
        "nghiệp công lập và Ủy ban nhân dân phường; đặc biệt kiểm tra trách nhiệm người đứng đầu "
        "của từng cơ quan, bộ phận, Chủ tịch Ủy ban nhân dân phường trong chỉ đạo, điều hành công "
        "tác cải cách hành chính; kiểm tra đột xuất tối thiểu 05 đơn vị/quý về công vụ, việc thực "
        "hiện quy tắc ứng xử của cán bộ, công chức, viên chức thuộc quận.",
    ),
    (
        "V.2.2",
        "",
        "Đôn đốc, kiểm tra việc Ủy ban nhân dân Phường Võ Thị Sáu thực hiện chuyển đổi ứng dụng hệ "
        "thống quản lý chất lượng TCVN 9001:2015, theo Công văn số 290/SKHCN-TĐC ngày 19 tháng 02 "
        "năm 2021 của Sở Khoa học và Công nghệ hoàn thành trước ngày 30 tháng 6 năm 2021.",
    ),
    (
        "V.2.3",
        "",
        "Tham mưu Ủy ban nhân dân quận tổ chức thực hiện tốt các nội dung của Kế hoạch số "
        "304/KH-UBND ngày 04 tháng 12 năm 2020 của Ủy ban nhân dân Quận 3 về duy trì, cải tiến và "
        "áp dụng Hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia TCVN ISO 9001:2015 vào hoạt "
        "động của các cơ quan hành chính nhà nước trên địa bàn Quận 3 năm 2021.",
    ),
    (
        "V.2.4",
        "",
        "Tham mưu Ủy ban nhân dân quận rà soát, sắp xếp, kiện toàn, tinh gọn tổ chức bộ máy trong "
        "các phòng, ban, đơn vị sự nghiệp công lập thuộc quận và Ủy ban nhân dân 12 phường phù hợp "
        "với đặc điểm của quận, Thành phố và tổ chức chính quyền đô thị. Thực hiện hiệu quả, công "
        "bằng và công khai các quy định về tuyển dụng, quản lý công chức, viên chức phát huy năng "
        "động, sáng tạo.",
    ),
    (
        "V.2.5",
        "",
        "Tham mưu, đề xuất Chủ tịch Ủy ban nhân dân quận biểu dương các tập thể, cá nhân chấp hành "
        "tốt, nhắc nhở, phê bình hoặc xử lý nghiêm những trường hợp vi phạm trong thực thi công vụ.",
    ),
    ("V.3", "Giao Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân Quận 3", ""),
    (
        "V.3.1",
        "",
        "Công khai tiến độ, kết quả giải quyết hồ sơ thủ tục hành chính của các cơ quan chuyên môn "
        "và Ủy ban nhân dân 12 phường trên Cổng thông tin điện tử và Cổng dịch vụ công của quận và "
        "thành phố; công khai đánh giá mức độ hài lòng của Ủy ban nhân dân quận và Ủy ban nhân dân "
        "12 phường trên Cổng thông tin điện tử Quận 3 (http://quan3.hochiminhcity.gov.vn).",
    ),
    (
        "V.3.2",
        "",
        "Thường xuyên nhắc nhở các cơ quan, đơn vị thuộc quận về tiếp nhận, xử lý và phản hồi trên "
        "Cổng thông tin 1022 (sau khi Ủy ban nhân dân quận đã chuyển các nội dung phản ánh) kịp "
        "thời theo Quyết định số 1478/QĐ-UBND ngày 04 tháng 5 năm 2020 của Ủy ban nhân dân thành "
        "phố về ban hành Quy chế phối hợp tiếp nhận, xử lý phản hồi thông tin trên Cổng tiếp nhận "
        "và giải đáp thông tin cho người dân, doanh nghiệp và tổ chức trên địa bàn thành phố Hồ "
        "Chí Minh.",
    ),
    (
        "V.3.3",
        "",
        "Báo cáo Chủ tịch Ủy ban nhân dân quận về các cơ quan, đơn vị tiếp nhận, xử lý và phản hồi "
        "trên Cổng thông tin 1022 chậm triển khai hoặc chưa thực hiện để xem xét xử lý trách nhiệm "
        "người đứng đầu.",
    ),
    (
        "V.3.4",
        "",
        "Phối hợp Phòng Nội vụ, Văn hóa và Thông tin xây dựng chuyên mục tuyên truyền về công tác "
        "cải cách hành chính của quận trên trang thông tin điện tử "
        "http://quan3.hochiminhcity.gov.vn hoàn thành tháng 8 năm 2021.",
    ),
    ("V.4", "Giao Trưởng phòng Kinh tế", ""),
    (
        "V.4.1",
        "",
        "Phối hợp Văn phòng Hội đồng nhân dân và Ủy ban nhân dân Quận 3 tham mưu Thường trực Ủy "
        "ban nhân dân quận tổ chức thực hiện việc đối thoại định kỳ 3 tháng/ 1 lần với người dân, "
        "doanh nghiệp và tăng cường công tác phối hợp giữa các cơ quan theo ngành, chức năng, địa "
        "phương để tập trung giải quyết, tháo gỡ các khó khăn, vướng mắc trong giải quyết thủ tục "
        "hành chính.",
    ),
    (
        "V.4.2",
        "",
        "Tham mưu Thường trực Ủy ban nhân dân quận đẩy nhanh tiến độ thực hiện Đề án số "
        "56/ĐA-UBND ngày 01 tháng 3 năm 2021 về đề án số hóa và xây dựng cơ sở dữ liệu Quận 3 giai "
        "đoạn 2021 – 2025 và Đề án số 57/ĐA-UBND ngày 01 tháng 3 năm 2021 về xây dựng Chính quyền "
        "điện tử Quận 3 tạo nền tảng xây dựng Đô thị thông minh Quận 3 giai đoạn 2021 – 2025.",
    ),
    (
        "V.5",
        "Giao Trưởng phòng Giáo dục và Đào tạo",
        "Tham mưu Ủy ban nhân dân quận đẩy mạnh tuyên truyền và thực hiện hiệu quả công tác ứng "
        "dụng thanh toán điện tử trong cung cấp dịch vụ công thuộc lĩnh vực giáo dục thay cho tiền "
        "mặt. Có trên 95% đơn vị sự nghiệp công lập về lĩnh vực giáo dục ứng dụng thanh toán điện "
        "tử trong cung ứng dịch vụ.",
    ),
    (
        "V.6",
        "Giao Phòng Văn hóa và Thông tin",
        "Tăng cường thông tin về kết quả đạt được của công tác cải cách hành chính Quận 3 trên các "
        "phương tiện truyền thông, nhất là các mô hình, giải pháp tạo điều kiện thuận lợi cho "
        "người dân và tổ chức; tuyên truyền dịch vụ công trực tuyến mức độ 3, 4 thường xuyên trình "
        "chiếu tuyên truyền trên màn hình tivi tại Bộ phận một cửa, bảng LED, website, mạng xã "
        "hội, niêm yết bản tin khu phố, trường học tuyên truyền cho học sinh.",
    ),
]

# code, title, clauses, rule, comparator, threshold, scope, periods, extra
TARGETS = [
    (
        "INSP-AGENCY",
        "Tỷ lệ cơ quan chuyên môn được kiểm tra CCHC",
        ["I.2.1a", "V.2.1"],
        "inspection_coverage",
        "gte",
        30,
        "district",
        "year",
        {"unit_kinds": "agency"},
    ),
    (
        "INSP-PSU",
        "Tỷ lệ đơn vị sự nghiệp công lập được kiểm tra CCHC",
        ["V.2.1"],
        "inspection_coverage",
        "gte",
        30,
        "district",
        "year",
        {"unit_kinds": "public_service"},
    ),
    (
        "INSP-WARD",
        "Tỷ lệ UBND phường được kiểm tra CCHC",
        ["I.2.1a", "V.2.1"],
        "inspection_coverage",
        "gte",
        30,
        "district",
        "year",
        {"unit_kinds": "ward"},
    ),
    (
        "INSP-CONDUCT-Q",
        "Số đơn vị được kiểm tra đột xuất công vụ, quy tắc ứng xử mỗi quý",
        ["I.2.1b"],
        "conduct_inspections",
        "gte",
        5,
        "district",
        "quarters",
        {},
    ),
    (
        "SAT-OVERALL",
        "Tỷ lệ hài lòng chung",
        ["I.2.2a", "II.4"],
        "satisfaction",
        "gte",
        91,
        "unit_and_district",
        "quarters_and_year",
        {},
    ),
    (
        "SAT-FIELD",
        "Tỷ lệ hài lòng trên từng lĩnh vực TTHC",
        ["I.2.2b"],
        "satisfaction",
        "gte",
        91,
        "unit_field",
        "quarters_and_year",
        {},
    ),
    (
        "SAT-PUBLISH",
        "Công khai tỷ lệ hài lòng trên trang thông tin điện tử của đơn vị",
        ["I.2.2c", "II.7"],
        "publication",
        "eq",
        100,
        "unit",
        "quarters",
        {},
    ),
    (
        "ONTIME",
        "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn",
        ["I.2.3", "II.6"],
        "ontime",
        "gte",
        98,
        "unit_field",
        "quarters_and_year",
        {"field_thresholds": {"land": "96"}},
    ),
    (
        "FEEDBACK",
        "Phản ánh, kiến nghị được xử lý kịp thời và công khai",
        ["I.2.4", "II.8"],
        "feedback",
        "eq",
        100,
        "unit",
        "quarters_and_year",
        {},
    ),
    (
        "INITIATIVE",
        "Số sáng kiến, giải pháp cải thiện hiệu quả",
        ["II.5"],
        "initiatives",
        "gte",
        1,
        "unit",
        "year",
        {},
    ),
    (
        "OUTREACH",
        "Số sản phẩm, mô hình tuyên truyền CCHC",
        ["I.2.5", "II.9"],
        "outreach",
        "gte",
        1,
        "unit",
        "year",
        {},
    ),
    (
        "ONLINE-GROWTH",
        "Tăng tỷ lệ hồ sơ xử lý trực tuyến so với năm 2020 (điểm %)",
        ["II.4"],
        "online_growth",
        "gte",
        3,
        "unit_and_district",
        "year",
        {},
    ),
    (
        "EPAY-EDU",
        "Tỷ lệ đơn vị sự nghiệp giáo dục ứng dụng thanh toán điện tử",
        ["V.5"],
        "epayment_share",
        "gt",
        95,
        "district",
        "year",
        {"unit_kinds": "public_service", "unit_sector": "education"},
    ),
    (
        "TASKS-DONE",
        "Tỷ lệ nhiệm vụ hoàn thành đúng hạn",
        ["I.1.1", "II.1", "III"],
        "task_completion",
        "eq",
        100,
        "unit_and_district",
        "year",
        {},
    ),
]

ALL_UNITS = "agency,public_service,ward"

# code, clause, title, lead, assigned unit codes, assigned kinds, due, recurrence
TASKS = [
    (
        "II.1",
        "II.1",
        "Quán triệt chủ đề CCHC năm 2021 đến cán bộ, công chức, viên chức, người lao "
        "động và nhân dân",
        None,
        [],
        ALL_UNITS,
        DEADLINE,
        "none",
    ),
    (
        "II.2",
        "II.2",
        "Tự kiểm tra CCHC và công vụ đối với cán bộ, công chức, viên chức, người lao "
        "động tại đơn vị",
        None,
        [],
        ALL_UNITS,
        DEADLINE,
        "none",
    ),
    (
        "II.3",
        "II.3",
        "Rà soát, đề xuất sắp xếp, kiện toàn, tinh gọn tổ chức bộ máy nội bộ",
        None,
        [],
        ALL_UNITS,
        DEADLINE,
        "none",
    ),
    (
        "II.5",
        "II.5",
        "Có ít nhất một sáng kiến, giải pháp cải thiện hiệu quả",
        None,
        [],
        ALL_UNITS,
        DEADLINE,
        "none",
    ),
    (
        "II.7",
        "II.7",
        "Khảo sát sự hài lòng và công khai kết quả trên trang thông tin điện tử của đơn vị",
        None,
        [],
        ALL_UNITS,
        DEADLINE,
        "quarterly",
    ),
    (
        "II.9",
        "II.9",
        "Xây dựng chuyên mục tuyên truyền CCHC trên trang thông tin điện tử của đơn "
        "vị và có ít nhất 01 sản phẩm tuyên truyền",
        None,
        [],
        ALL_UNITS,
        DEADLINE,
        "none",
    ),
    (
        "II.10",
        "II.10",
        "Ứng dụng chữ ký số, chứng thực điện tử trong hoạt động nội bộ",
        None,
        [],
        ALL_UNITS,
        DEADLINE,
        "none",
    ),
    (
        "II.11",
        "II.11",
        "Duy trì, cải tiến Hệ thống quản lý chất lượng TCVN ISO 9001:2015 tại đơn vị",
        None,
        [],
        ALL_UNITS,
        DEADLINE,
        "none",
    ),
    (
        "V.2.1",
        "V.2.1",
        "Kiểm tra đột xuất tối thiểu 05 đơn vị/quý về công vụ, quy tắc ứng xử",
        "NV",
        ["NV"],
        "",
        DEADLINE,
        "quarterly",
    ),
    (
        "V.2.2",
        "V.2.2",
        "Phường Võ Thị Sáu chuyển đổi hệ thống quản lý chất lượng sang TCVN ISO 9001:2015",
        "NV",
        ["P-VTS"],
        "",
        dt.date(2021, 6, 30),
        "none",
    ),
    (
        "V.2.3",
        "V.2.3",
        "Tham mưu thực hiện Kế hoạch 304/KH-UBND về ISO 9001:2015 năm 2021",
        "NV",
        ["NV"],
        "",
        DEADLINE,
        "none",
    ),
    (
        "V.2.4",
        "V.2.4",
        "Tham mưu rà soát, sắp xếp, kiện toàn tổ chức bộ máy các phòng, ban, đơn vị "
        "sự nghiệp và 12 phường",
        "NV",
        ["NV"],
        "",
        DEADLINE,
        "none",
    ),
    (
        "V.2.5",
        "V.2.5",
        "Đề xuất biểu dương, nhắc nhở, phê bình hoặc xử lý vi phạm trong thực thi công vụ",
        "NV",
        ["NV"],
        "",
        DEADLINE,
        "none",
    ),
    (
        "V.3.1",
        "V.3.1",
        "Công khai tiến độ, kết quả giải quyết hồ sơ TTHC và mức độ hài lòng của quận và 12 phường",
        "VP",
        ["VP"],
        "",
        DEADLINE,
        "quarterly",
    ),
    (
        "V.3.2",
        "V.3.2",
        "Nhắc nhở các đơn vị tiếp nhận, xử lý, phản hồi kịp thời trên Cổng thông tin 1022",
        "VP",
        ["VP"],
        "",
        DEADLINE,
        "quarterly",
    ),
    (
        "V.3.3",
        "V.3.3",
        "Báo cáo Chủ tịch UBND quận về các đơn vị chậm xử lý phản ánh trên Cổng thông tin 1022",
        "VP",
        ["VP"],
        "",
        DEADLINE,
        "quarterly",
    ),
    (
        "V.3.4",
        "V.3.4",
        "Xây dựng chuyên mục tuyên truyền CCHC của quận trên trang thông tin điện tử quận",
        "VP",
        ["VP", "NV", "VHTT"],
        "",
        dt.date(2021, 8, 31),
        "none",
    ),
    (
        "V.4.1",
        "V.4.1",
        "Tổ chức đối thoại định kỳ 3 tháng/1 lần với người dân, doanh nghiệp",
        "KT",
        ["KT", "VP"],
        "",
        DEADLINE,
        "quarterly",
    ),
    (
        "V.4.2",
        "V.4.2",
        "Đẩy nhanh Đề án 56/ĐA-UBND (số hóa) và Đề án 57/ĐA-UBND (chính quyền điện tử)",
        "KT",
        ["KT"],
        "",
        DEADLINE,
        "none",
    ),
    (
        "V.5",
        "V.5",
        "Trên 95% đơn vị sự nghiệp giáo dục ứng dụng thanh toán điện tử",
        "GDDT",
        ["GDDT"],
        "",
        DEADLINE,
        "none",
    ),
    (
        "V.6",
        "V.6",
        "Tăng cường thông tin, tuyên truyền kết quả CCHC và dịch vụ công trực tuyến mức độ 3, 4",
        "VHTT",
        ["VHTT"],
        "",
        DEADLINE,
        "none",
    ),
    (
        "BAO-CAO",
        "V",
        "Báo cáo kết quả thực hiện kế hoạch về UBND quận (qua Phòng Nội vụ)",
        "NV",
        [],
        ALL_UNITS,
        DEADLINE,
        "none",
    ),
]
