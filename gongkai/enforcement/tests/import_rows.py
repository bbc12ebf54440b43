"""Rows of valid import files for the import and export tests (and codes with good check
characters): each test changes the one cell it is about."""

import csv
import io

import openpyxl
from stdnum.cn import ric, uscc


def credit_code(serial: int) -> str:
    """A valid 18-character unified social credit code (GB 32100-2015)."""
    body = f"12140100{serial:09d}"
    return body + uscc.calc_check_digit(body)


def resident_id(serial: int) -> str:
    """A valid resident ID number (GB 11643-1999), born 1980-01-01."""
    body = f"14010119800101{serial % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")  # it skips the last character


AUTHORITY = {
    "数据来源单位": "测试县卫生健康局",
    "数据来源单位统一社会信用代码": credit_code(1),
}


def licence_row(n: int, **changes: str) -> dict[str, str]:
    row = {
        "行政相对人名称": f"测试诊所{n}",
        "行政相对人类别": "法人及非法人组织",
        "统一社会信用代码": credit_code(1000 + n),
        "法定代表人": "王某某",
        "行政许可决定文书号": f"测卫医许〔2026〕{n}号",
        "许可类别": "普通",
        "许可证书名称": "医疗机构执业许可证",
        "许可编号": f"PDY{n:06d}",
        "许可内容": "医疗机构执业登记",
        "许可决定日期": "2026-11-02",
        "有效期自": "2026-11-02",
        "有效期至": "2031-11-01",
        "许可机关": "测试县卫生健康局",
        "许可机关统一社会信用代码": credit_code(1),
        **AUTHORITY,
    }
    row.update(changes)
    return row


def penalty_row(n: int, **changes: str) -> dict[str, str]:
    row = {
        "行政相对人名称": "张三",
        "行政相对人类别": "自然人",
        "证件类型": "居民身份证",
        "证件号码": resident_id(n),
        "行政处罚决定书文号": f"测卫罚〔2026〕{n}号",
        "违法行为类型": "违反《医疗机构管理条例》",
        "违法事实": "未取得医疗机构执业许可证擅自执业",
        "处罚依据": "《医疗机构管理条例》第四十三条",
        "处罚类别": "警告、罚款",
        "处罚内容": "警告，罚款人民币五千元",
        "罚款金额（万元）": "0.5",
        "处罚决定日期": "2026-11-03",
        "处罚机关": "测试县卫生健康局",
        "处罚机关统一社会信用代码": credit_code(1),
        **AUTHORITY,
    }
    row.update(changes)
    return row


def csv_bytes(rows: list[dict[str, str]], encoding: str = "utf-8") -> bytes:
    headers = list(dict.fromkeys(header for row in rows for header in row))
    output = io.StringIO(newline="")
    writer = csv.DictWriter(output, fieldnames=headers)
    writer.writeheader()
    writer.writerows(rows)
    return output.getvalue().encode(encoding)


def xlsx_bytes(rows: list[dict[str, str]]) -> bytes:
    headers = list(dict.fromkeys(header for row in rows for header in row))
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header, "") for header in headers])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
